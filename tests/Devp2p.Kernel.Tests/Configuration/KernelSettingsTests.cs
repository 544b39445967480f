using Devp2p.Kernel.Configuration;
using Devp2p.Kernel.Event;
using Devp2p.Tests.Shared;

namespace Devp2p.Kernel.Tests.Configuration;

public class KernelSettingsTests
{
    [Fact]
    public void Reference_conf_gives_the_same_defaults_as_the_settings_record()
    {
        var fromConfig = ActorSystemSettings.FromConfig(ConfigFactory.Empty);
        var defaults = ActorSystemSettings.Default;
        Assert.Equal(defaults.Throughput, fromConfig.Throughput);
        Assert.Equal(defaults.LogLevel, fromConfig.LogLevel);
        Assert.Equal(defaults.LogDeadLetters, fromConfig.LogDeadLetters);
        Assert.Equal(defaults.DeadLetterLogLimit, fromConfig.DeadLetterLogLimit);
        Assert.Equal(defaults.DeadLetterLogInterval, fromConfig.DeadLetterLogInterval);
        Assert.Equal(defaults.LogDeadLettersDuringShutdown, fromConfig.LogDeadLettersDuringShutdown);
        Assert.Equal(defaults.LogUnhandled, fromConfig.LogUnhandled);
        Assert.Equal(defaults.AskTimeout, fromConfig.AskTimeout);
        Assert.Equal(defaults.ShutdownTimeout, fromConfig.ShutdownTimeout);
    }

    [Fact]
    public void User_values_override_the_reference()
    {
        var config = ConfigFactory.ParseString("""
            devp2p.kernel {
              dispatcher.throughput = 5
              loglevel = debug
              log-dead-letters = off
              ask-timeout = 2s
              shutdown-timeout = 500ms
            }
            """);
        var settings = ActorSystemSettings.FromConfig(config);
        Assert.Equal(5, settings.Throughput);
        Assert.Equal(LogLevel.DebugLevel, settings.LogLevel);
        Assert.False(settings.LogDeadLetters);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.AskTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.ShutdownTimeout);
        Assert.Equal(10, settings.DeadLetterLogLimit); // untouched keys fall back to reference.conf
    }

    [Theory]
    [InlineData("devp2p.kernel.dispatcher.throughput = fifty", "devp2p.kernel.dispatcher.throughput")]
    [InlineData("devp2p.kernel.dispatcher.throughput = 0", "devp2p.kernel.dispatcher.throughput")]
    [InlineData("devp2p.kernel.loglevel = LOUD", "devp2p.kernel.loglevel")]
    [InlineData("devp2p.kernel.shutdown-timeout = soon", "devp2p.kernel.shutdown-timeout")]
    public void A_bad_value_names_the_key_the_file_and_the_line(string line, string key)
    {
        var config = ConfigFactory.ParseString("# node settings\n" + line, "node.conf");
        var ex = Assert.ThrowsAny<ConfigException>(() => ActorSystemSettings.FromConfig(config));
        Assert.Contains(key, ex.Message);
        Assert.Contains("node.conf line 2", ex.Message);
    }

    [Fact]
    public void An_actor_system_created_from_config_uses_its_settings()
    {
        using var system = ActorSystem.Create("configured", ConfigFactory.ParseString("devp2p.kernel.dispatcher.throughput = 7"));
        Assert.Equal(7, system.Settings.Throughput);
    }

    [Fact]
    public void Every_key_in_reference_conf_is_documented_in_configuration_md()
    {
        var reference = ConfigFactory.ParseFile(Path.Combine(RepoPaths.RepoRoot, "hocon", "reference.conf"));
        var doc = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "configuration.md"));
        var keys = reference.AsEnumerable().Select(pair => pair.Key).ToList();
        Assert.NotEmpty(keys);
        var missing = keys.Where(key => !doc.Contains($"`{key}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "keys in hocon/reference.conf missing from docs/configuration.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_embedded_reference_is_the_file_in_hocon()
    {
        var onDisk = ConfigFactory.ParseFile(Path.Combine(RepoPaths.RepoRoot, "hocon", "reference.conf"));
        Assert.Equal(onDisk.AsEnumerable().Select(p => p.Key), ActorSystemSettings.Reference.AsEnumerable().Select(p => p.Key));
    }
}
