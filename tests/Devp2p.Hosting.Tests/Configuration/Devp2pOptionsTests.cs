using System.Net;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Kernel.Configuration;
using Devp2p.Protocol.Crypto;
using Microsoft.Extensions.Configuration;

namespace Devp2p.Hosting.Tests.Configuration;

/// <summary>Devp2pOptions → the settings the node starts with.</summary>
public sealed class Devp2pOptionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devp2p-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Devp2pOptions Options() => new Devp2pOptions().UseEnvironment(false);

    private static IConfiguration Memory(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Hocon_then_IConfiguration_then_code_each_override_the_layer_below()
    {
        var startup = Options()
            .UseHocon("devp2p.server { max-peers = 5, dial-ratio = 2, client-id = hocon }", "test.conf")
            .UseConfiguration(Memory(("devp2p:server:max-peers", "6"), ("devp2p:Server:DialRatio", "4")).GetSection("devp2p"))
            .Configure(s => s with { MaxPeers = 7 })
            .UsePrivateKey(Keys.A)
            .Build();
        Assert.Equal(7, startup.Server.MaxPeers);
        Assert.Equal(4, startup.Server.DialRatio);
        Assert.Equal("hocon", startup.Server.ClientId);
        Assert.Equal(50, startup.Server.MaxPendingPeers);
    }

    [Fact]
    public void The_key_options_set_the_node_key()
    {
        Assert.Equal(Keys.A, Options().UsePrivateKey(Keys.A).Build().Server.PrivateKey);
        Assert.Equal(Keys.A, Options().UsePrivateKeyHex(Keys.Hex(Keys.A)).Build().Server.PrivateKey);
        var file = Path.Combine(_dir, "nodekey");
        File.WriteAllText(file, Keys.Hex(Keys.A) + "\n");
        Assert.Equal(Keys.A, Options().UsePrivateKeyFile(file).Build().Server.PrivateKey);
        var first = Options().UseEphemeralKey().Build().Server.PrivateKey;
        var second = Options().UseEphemeralKey().Build().Server.PrivateKey;
        Assert.NotEqual(first, second);
        Assert.True(Secp256k1.Default.IsValidPrivateKey(first));
    }

    [Fact]
    public void Without_a_key_option_a_node_with_a_datadir_keeps_its_key_there()
    {
        var dataDir = Path.Combine(_dir, "data");
        Devp2pOptions UsingDataDir() => Options().UseHocon($"devp2p.server.datadir = \"{dataDir.Replace("\\", "/")}\"");
        var first = UsingDataDir().Build().Server.PrivateKey;
        Assert.True(File.Exists(Path.Combine(dataDir, "nodekey")));
        Assert.Equal(first, UsingDataDir().Build().Server.PrivateKey);
        Assert.NotEqual(first, UsingDataDir().UseEphemeralKey().Build().Server.PrivateKey);
        Assert.NotEqual(Options().Build().Server.PrivateKey, Options().Build().Server.PrivateKey);
    }

    [Fact]
    public void A_bad_key_is_rejected_naming_its_source()
    {
        Assert.Throws<FormatException>(() => Options().UsePrivateKeyHex("abcd"));
        var file = Path.Combine(_dir, "badkey");
        File.WriteAllText(file, "not a key");
        var e = Assert.Throws<FormatException>(() => Options().UsePrivateKeyFile(file).Build());
        Assert.Contains(file, e.Message);
        Assert.Throws<ArgumentException>(() => Options().UsePrivateKey(new byte[32]));
    }

    [Fact]
    public void Protocols_are_passed_to_the_server_and_registered_once()
    {
        var options = Options().AddProtocol(EchoProtocol.Registration);
        Assert.Same(EchoProtocol.Registration, Assert.Single(options.Build().Server.Protocols));
        Assert.Throws<InvalidOperationException>(() => options.AddProtocol(EchoProtocol.Registration));
    }

    [Fact]
    public void Hocon_files_and_kernel_settings_are_read()
    {
        var file = Path.Combine(_dir, "node.conf");
        File.WriteAllText(file, "devp2p.server.listen = \"127.0.0.1:0\"\ndevp2p.kernel.dispatcher.throughput = 7\ndevp2p.server.no-discovery = on\n");
        var startup = Options().UseHoconFile(file).Build();
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), startup.Server.ListenEndPoint);
        Assert.Equal(7, startup.System.Throughput);
        Assert.Null(startup.Components.Discovery);
    }

    [Fact]
    public void A_bad_IConfiguration_value_names_its_configuration_path()
    {
        var options = Options().UseConfiguration(Memory(("devp2p:server:max-peers", "many")).GetSection("devp2p"));
        var e = Assert.ThrowsAny<ConfigException>(() => options.Build());
        Assert.Contains("devp2p.server.max-peers", e.Message);
        Assert.Contains("configuration devp2p:server:max-peers", e.Message);
    }

    [Fact]
    public void IConfiguration_children_named_by_index_are_lists()
    {
        const string enode = "enode://3a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d8072e77939dc03ba44790779b7a1025baf3003f6732430e20cd9b76d953391b3@127.0.0.1:30304";
        var startup = Options().UsePrivateKey(Keys.A)
            .UseConfiguration(Memory(("devp2p:server:static-nodes:0", enode), ("devp2p:server:net-restrict:1", "10.0.0.0/8"), ("devp2p:server:net-restrict:0", "127.0.0.0/8")).GetSection("devp2p"))
            .Build();
        Assert.Equal(30304, Assert.Single(startup.Server.StaticNodes).TcpPort);
        Assert.True(startup.Server.NetRestrict![0].Contains(IPAddress.Loopback));
        Assert.Equal(2, startup.Server.NetRestrict.Count);
    }

    [Theory]
    [InlineData("MaxPeers", "max-peers")]
    [InlineData("max-peers", "max-peers")]
    [InlineData("max_peers", "max-peers")]
    [InlineData("Server", "server")]
    [InlineData("NodeDB", "node-db")]
    [InlineData("MaxFindnodeFailures", "max-findnode-failures")]
    public void IConfiguration_keys_become_kebab_case(string key, string expected) =>
        Assert.Equal(expected, ConfigurationBridge.KebabCase(key));
}
