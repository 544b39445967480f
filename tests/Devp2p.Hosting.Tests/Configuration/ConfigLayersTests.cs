using Devp2p.Actors.Configuration;
using Devp2p.Kernel.Configuration;

namespace Devp2p.Hosting.Tests.Configuration;

/// <summary>reference &lt; user file &lt; environment &lt; command line &lt; code: each layer overrides the ones below it.</summary>
public sealed class ConfigLayersTests : IDisposable
{
    private const string Key = "devp2p.server.max-peers";
    private readonly string _dir = Directory.CreateTempSubdirectory("devp2p-layers-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private ConfigLayers AllLayers() => new()
    {
        Files = [File("node.conf", "devp2p.server.max-peers = 11\ndevp2p.server.client-id = file\n")],
        EnvironmentVariables = new Dictionary<string, string> { ["DEVP2P_SERVER__MAX_PEERS"] = "12", ["DEVP2P_SERVER__DIAL_RATIO"] = "4" },
        CommandLine = ["devp2p.server.max-peers=13", "devp2p.server.max-pending-peers=7"],
        Code = ConfigFactory.FromPairs([new(Key, 14)]),
    };

    [Fact]
    public void Each_layer_overrides_the_one_below()
    {
        Assert.Equal(50, new ConfigLayers { UseEnvironment = false }.Build().GetInt(Key));
        var layers = AllLayers();
        Assert.Equal(14, layers.Build().GetInt(Key));
        Assert.Equal(13, (layers with { Code = null }).Build().GetInt(Key));
        Assert.Equal(12, (layers with { Code = null, CommandLine = [] }).Build().GetInt(Key));
        Assert.Equal(11, (layers with { Code = null, CommandLine = [], UseEnvironment = false }).Build().GetInt(Key));
    }

    [Fact]
    public void Layers_only_replace_what_they_name()
    {
        var config = AllLayers().Build();
        Assert.Equal("file", config.GetString("devp2p.server.client-id"));
        Assert.Equal(4, config.GetInt("devp2p.server.dial-ratio"));
        Assert.Equal(7, config.GetInt("devp2p.server.max-pending-peers"));
        Assert.Equal(TimeSpan.FromSeconds(15), config.GetTimeSpan("devp2p.server.ping-interval"));
    }

    [Fact]
    public void A_later_file_overrides_an_earlier_one()
    {
        var layers = new ConfigLayers { UseEnvironment = false, Files = [File("a.conf", "devp2p.server.max-peers = 1"), File("b.conf", "devp2p.server.max-peers = 2")] };
        Assert.Equal(2, layers.Build().GetInt(Key));
    }

    [Fact]
    public void Command_line_parsed_layers_sit_above_the_environment_and_below_code()
    {
        var layers = AllLayers() with { CommandLine = [], CommandLineConfigs = [ConfigFactory.ParseString("devp2p.server.max-peers = 20", "cli")] };
        Assert.Equal(14, layers.Build().GetInt(Key));
        Assert.Equal(20, (layers with { Code = null }).Build().GetInt(Key));
    }

    [Fact]
    public void Environment_lists_are_parsed_as_hocon()
    {
        const string enode = "enode://3a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d8072e77939dc03ba44790779b7a1025baf3003f6732430e20cd9b76d953391b3@127.0.0.1:30304";
        var config = new ConfigLayers { EnvironmentVariables = new Dictionary<string, string> { ["DEVP2P_SERVER__BOOTNODES"] = $"[\"{enode}\"]" } }.Build();
        var settings = ServerSettingsConfig.FromConfig(config, Keys.A);
        Assert.Equal(30304, Assert.Single(settings.BootstrapNodes).TcpPort);
    }

    [Fact]
    public void A_bad_value_in_a_file_names_the_key_the_file_and_the_line()
    {
        var path = File("bad.conf", "# a node\ndevp2p.server {\n  max-peers = fifty\n}\n");
        var config = new ConfigLayers { UseEnvironment = false, Files = [path] }.Build();
        var e = Assert.ThrowsAny<ConfigException>(() => ServerSettingsConfig.FromConfig(config, Keys.A));
        Assert.Contains("devp2p.server.max-peers", e.Message);
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void A_value_out_of_range_names_the_key_the_file_and_the_line()
    {
        var path = File("range.conf", "devp2p.discovery {\n  refresh-interval = 10m\n  max-concurrent-lookups = 0\n}\n");
        var config = new ConfigLayers { UseEnvironment = false, Files = [path] }.Build();
        var e = Assert.ThrowsAny<ConfigException>(() => DiscoverySettingsConfig.Factory(config));
        Assert.Equal("devp2p.discovery.max-concurrent-lookups", e.Path);
        Assert.Contains(path + " line 3", e.Message);
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var config = new ConfigLayers { EnvironmentVariables = new Dictionary<string, string> { ["DEVP2P_SERVER__READ_TIMEOUT"] = "soon" } }.Build();
        var e = Assert.ThrowsAny<ConfigException>(() => ServerSettingsConfig.FromConfig(config, Keys.A));
        Assert.Contains("devp2p.server.read-timeout", e.Message);
        Assert.Contains("environment variable DEVP2P_SERVER__READ_TIMEOUT", e.Message);
    }

    [Fact]
    public void A_command_line_override_without_a_value_is_rejected()
    {
        var e = Assert.ThrowsAny<ConfigException>(() => new ConfigLayers { UseEnvironment = false, CommandLine = ["devp2p.server.max-peers"] }.Build());
        Assert.Contains("command line override #1", e.Message);
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.conf");
        var e = Assert.ThrowsAny<ConfigException>(() => new ConfigLayers { Files = [missing] }.Build());
        Assert.Contains(missing, e.Message);
    }
}
