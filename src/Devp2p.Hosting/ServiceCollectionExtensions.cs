using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Devp2p.Hosting;

/// <summary>
/// <c>services.AddDevp2p(...)</c>: a devp2p node that starts and stops with the IHost (the shape
/// Akka.Hosting's AddAkka gives). Registers <see cref="IDevp2pNode"/>, <see cref="IActorRegistry"/> and the
/// hosted service. Calling it again configures the same node further.
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>A node configured from code.</summary>
    public static IServiceCollection AddDevp2p(this IServiceCollection services, Action<Devp2pOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        configure(Options(services));
        return services;
    }

    /// <summary>A node configured from a HOCON file (layered over reference.conf), then from code.</summary>
    public static IServiceCollection AddDevp2p(this IServiceCollection services, string hoconFile, Action<Devp2pOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(hoconFile);
        return services.AddDevp2p(options =>
        {
            options.UseHoconFile(hoconFile);
            configure?.Invoke(options);
        });
    }

    /// <summary>A node configured from an IConfiguration section standing for <c>devp2p</c> (e.g. <c>configuration.GetSection("devp2p")</c>), then from code.</summary>
    public static IServiceCollection AddDevp2p(this IServiceCollection services, IConfiguration section, Action<Devp2pOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return services.AddDevp2p(options =>
        {
            options.UseConfiguration(section);
            configure?.Invoke(options);
        });
    }

    private static Devp2pOptions Options(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(Devp2pOptions))?.ImplementationInstance is Devp2pOptions existing)
            return existing;
        var options = new Devp2pOptions();
        services.AddSingleton(options);
        services.TryAddSingleton<ActorRegistry>();
        services.TryAddSingleton<IActorRegistry>(sp => sp.GetRequiredService<ActorRegistry>());
        services.AddSingleton<HostedDevp2pNode>();
        services.AddSingleton<IDevp2pNode>(sp => sp.GetRequiredService<HostedDevp2pNode>());
        services.AddHostedService(sp => sp.GetRequiredService<HostedDevp2pNode>());
        return options;
    }
}
