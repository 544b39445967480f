using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;

namespace Devp2p.Actors.Configuration;

/// <summary>
/// Builds the one <see cref="Config"/> a node runs with from its layers, lowest precedence first:
/// reference.conf &lt; user files (a later file over an earlier one) &lt; environment (<c>DEVP2P_...</c>)
/// &lt; command line (<c>key=value</c> overrides) &lt; code. Each layer holds only what it changes; a value
/// keeps its origin, so a bad one is reported with the file and line (or variable, or "command line")
/// it came from. Used by <c>devp2p node</c> and by the hosting package.
/// </summary>
public sealed record ConfigLayers
{
    /// <summary>The environment variable prefix; <c>DEVP2P_SERVER__MAX_PEERS</c> is <c>devp2p.server.max-peers</c>.</summary>
    public const string EnvironmentPrefix = "DEVP2P";

    /// <summary>User HOCON files, in order; a later file overrides an earlier one.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Already-parsed user layers (e.g. HOCON text, IConfiguration), above the files and below the environment.</summary>
    public IReadOnlyList<Config> UserConfigs { get; init; } = [];

    /// <summary>Whether <c>DEVP2P_...</c> variables are read.</summary>
    public bool UseEnvironment { get; init; } = true;

    /// <summary>The variables to read instead of the process environment (tests); null reads the process's.</summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>Command-line overrides, each <c>key=value</c> in HOCON (<c>devp2p.server.max-peers=10</c>).</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>Already-parsed layers at the command-line level (e.g. a host's IConfiguration, which holds its command line), above <see cref="CommandLine"/>.</summary>
    public IReadOnlyList<Config> CommandLineConfigs { get; init; } = [];

    /// <summary>The highest layer, set from code.</summary>
    public Config? Code { get; init; }

    /// <summary>Every layer merged over reference.conf; file and syntax errors throw <see cref="ConfigException"/>.</summary>
    public Config Build()
    {
        var result = Code ?? ConfigFactory.Empty;
        for (int i = CommandLineConfigs.Count - 1; i >= 0; i--)
            result = result.WithFallback(CommandLineConfigs[i]);
        for (int i = CommandLine.Count - 1; i >= 0; i--)
            result = result.WithFallback(ParseOverride(CommandLine[i], i + 1));
        if (UseEnvironment)
        {
            result = result.WithFallback(EnvironmentVariables is null
                ? ConfigFactory.FromEnvironment(EnvironmentPrefix)
                : ConfigFactory.FromVariables(EnvironmentVariables, EnvironmentPrefix));
        }
        for (int i = UserConfigs.Count - 1; i >= 0; i--)
            result = result.WithFallback(UserConfigs[i]);
        for (int i = Files.Count - 1; i >= 0; i--)
            result = result.WithFallback(ParseFile(Files[i]));
        return result.WithFallback(ActorSystemSettings.Reference);
    }

    private static Config ParseFile(string path)
    {
        if (!File.Exists(path))
            throw new ConfigException($"config file {path} does not exist");
        return ConfigFactory.ParseFile(path);
    }

    private static Config ParseOverride(string text, int position)
    {
        var origin = $"command line override #{position}";
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw new ConfigException($"{origin}: expected key=value, got '{text}'");
        return ConfigFactory.ParseString(text, origin);
    }
}
