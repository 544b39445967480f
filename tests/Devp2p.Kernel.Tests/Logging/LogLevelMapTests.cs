using Devp2p.Kernel.Configuration;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel.Tests.Logging;

/// <summary>devp2p.logging: the default level, per-category overrides by prefix, and bad values named with their key.</summary>
public class LogLevelMapTests
{
    private static readonly LogLevelMap Map = new(new Dictionary<string, LogLevel>
    {
        ["Devp2p.Actors"] = LogLevel.WarningLevel,
        ["Devp2p.Actors.Peers"] = LogLevel.DebugLevel,
        ["Devp2p.Actors.Peers.PeerActor"] = LogLevel.ErrorLevel,
    });

    [Theory]
    [InlineData("Devp2p.Actors.Peers.PeerActor", LogLevel.ErrorLevel)]
    [InlineData("Devp2p.Actors.Peers.PeerActor+Nested", LogLevel.ErrorLevel)]
    [InlineData("Devp2p.Actors.Peers.PeerFrameReader", LogLevel.DebugLevel)]
    [InlineData("Devp2p.Actors.Server.ServerActor", LogLevel.WarningLevel)]
    [InlineData("Devp2p.Actors", LogLevel.WarningLevel)]
    [InlineData("Devp2p.ActorsExtra.Thing", LogLevel.InfoLevel)] // a prefix matches whole dotted segments only
    [InlineData("Devp2p.Actors.PeersX.Thing", LogLevel.WarningLevel)]
    [InlineData("Devp2p.Kernel.ActorSystem", LogLevel.InfoLevel)]
    [InlineData(null, LogLevel.InfoLevel)]
    public void The_longest_matching_prefix_wins_else_the_default(string? category, LogLevel expected) =>
        Assert.Equal(expected, Map.LevelFor(category, LogLevel.InfoLevel));

    [Fact]
    public void Logging_level_defaults_to_the_kernel_loglevel_and_overrides_it_when_set()
    {
        Assert.Equal(LogLevel.InfoLevel, ActorSystemSettings.FromConfig(ConfigFactory.Empty).LogLevel);
        Assert.Equal(LogLevel.DebugLevel, ActorSystemSettings.FromConfig(ConfigFactory.ParseString("devp2p.kernel.loglevel = DEBUG")).LogLevel);
        var both = ConfigFactory.ParseString("devp2p.kernel.loglevel = DEBUG\ndevp2p.logging.level = ERROR");
        Assert.Equal(LogLevel.ErrorLevel, ActorSystemSettings.FromConfig(both).LogLevel);
    }

    [Fact]
    public void Categories_and_the_repeated_warnings_limit_are_read_from_config()
    {
        var settings = ActorSystemSettings.FromConfig(ConfigFactory.ParseString("""
            devp2p.logging {
              level = WARNING
              categories {
                "Devp2p.Actors.Peers" = debug
                "Devp2p.Actors.Discovery.DiscoveryActor" = OFF
              }
              repeated-warnings-limit = 3
              repeated-warnings-interval = 30s
            }
            """));
        Assert.Equal(LogLevel.WarningLevel, settings.LogLevel);
        Assert.Equal(2, settings.CategoryLevels.Overrides.Count);
        Assert.Equal(LogLevel.DebugLevel, settings.CategoryLevels.LevelFor("Devp2p.Actors.Peers.PeerActor", settings.LogLevel));
        Assert.Equal(LogLevel.OffLevel, settings.CategoryLevels.LevelFor("Devp2p.Actors.Discovery.DiscoveryActor", settings.LogLevel));
        Assert.Equal(3, settings.RepeatedWarningsLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RepeatedWarningsInterval);
    }

    [Fact]
    public void The_reference_has_no_overrides_and_matches_the_record_defaults()
    {
        var settings = ActorSystemSettings.FromConfig(ConfigFactory.Empty);
        Assert.Empty(settings.CategoryLevels.Overrides);
        Assert.Equal(ActorSystemSettings.Default.RepeatedWarningsLimit, settings.RepeatedWarningsLimit);
        Assert.Equal(ActorSystemSettings.Default.RepeatedWarningsInterval, settings.RepeatedWarningsInterval);
    }

    [Fact]
    public void A_bad_category_level_names_the_key_and_the_line()
    {
        var config = ConfigFactory.ParseString("devp2p.logging.categories {\n  \"Devp2p.Actors.Peers\" = loud\n}", "node.conf");
        var e = Assert.Throws<ConfigException>(() => ActorSystemSettings.FromConfig(config));
        Assert.Contains("devp2p.logging.categories.\"Devp2p.Actors.Peers\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("loud", e.Message, StringComparison.Ordinal);
        Assert.Contains("node.conf", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_default_level_names_its_key()
    {
        var e = Assert.Throws<ConfigException>(() => ActorSystemSettings.FromConfig(ConfigFactory.ParseString("devp2p.logging.level = chatty")));
        Assert.Contains("devp2p.logging.level", e.Message, StringComparison.Ordinal);
    }
}
