using System.Collections.Concurrent;
using Devp2p.Kernel.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Devp2p.Hosting.Tests.Hosting;

/// <summary>A hosted node's engine logs reach the host's ILoggerFactory, with their structured properties.</summary>
public sealed class HostLoggingSpec
{
    private sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> State);

    private sealed class CaptureProvider : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void Dispose() { }

        private sealed class Capture(CaptureProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                owner.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value)));
            }
        }
    }

    [Fact]
    public async Task Engine_logs_go_to_the_hosts_logger_factory_with_their_properties()
    {
        var capture = new CaptureProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(capture);
        builder.Services.AddDevp2p(o => o.UseEnvironment(false).UseHocon("""devp2p.server { listen = "127.0.0.1:0", no-discovery = on }"""));
        using var host = builder.Build();
        await host.StartAsync();
        var node = host.Services.GetRequiredService<IDevp2pNode>();

        node.System.Log.ForContext("Peer", "abc").Warning("peer {Reason} misbehaved", "too-big");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10) * TestKitSettings.TimeFactor;
        Entry? entry;
        while ((entry = capture.Entries.FirstOrDefault(e => e.Message.Contains("misbehaved", StringComparison.Ordinal))) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the warning never reached the host's logger");
            await Task.Delay(20);
        }
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("too-big", entry.Message);
        Assert.Equal("abc", entry.State["Peer"]);
        Assert.Equal("too-big", entry.State["Reason"]);
        Assert.Contains(capture.Entries, e => e.Category == typeof(HostedDevp2pNode).FullName && e.Message.Contains("started", StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Theory]
    [InlineData(Serilog.Events.LogEventLevel.Verbose, LogLevel.Trace)]
    [InlineData(Serilog.Events.LogEventLevel.Debug, LogLevel.Debug)]
    [InlineData(Serilog.Events.LogEventLevel.Information, LogLevel.Information)]
    [InlineData(Serilog.Events.LogEventLevel.Warning, LogLevel.Warning)]
    [InlineData(Serilog.Events.LogEventLevel.Error, LogLevel.Error)]
    [InlineData(Serilog.Events.LogEventLevel.Fatal, LogLevel.Critical)]
    public void Levels_map_one_to_one(Serilog.Events.LogEventLevel serilog, LogLevel expected) =>
        Assert.Equal(expected, MicrosoftLoggingSink.Map(serilog));
}
