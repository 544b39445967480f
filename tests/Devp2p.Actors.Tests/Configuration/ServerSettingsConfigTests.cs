using System.Net;
using Devp2p.Actors.Configuration;
using Devp2p.Kernel.Configuration;
using Devp2p.Tests.Shared;

namespace Devp2p.Actors.Tests.Configuration;

public sealed class ServerSettingsConfigTests
{
    private static readonly byte[] Key = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    private const string Enode = "enode://3a514176466fa815ed481ffad09110a2d344f6c9b78c1d14afc351c3a51be33d8072e77939dc03ba44790779b7a1025baf3003f6732430e20cd9b76d953391b3@127.0.0.1:30304";

    [Fact]
    public void The_reference_defaults_are_the_code_defaults()
    {
        var fromConfig = ServerSettingsConfig.FromConfig(ConfigFactory.Empty, Key);
        var fromCode = new ServerSettings { PrivateKey = Key };
        // Records compare lists by reference: empty both sides' lists, after checking they are empty.
        Assert.Empty(fromConfig.StaticNodes);
        Assert.Empty(fromConfig.TrustedNodes);
        Assert.Empty(fromConfig.BootstrapNodes);
        Assert.Equal(fromCode with { StaticNodes = [], TrustedNodes = [], BootstrapNodes = [], Protocols = [] },
            fromConfig with { StaticNodes = [], TrustedNodes = [], BootstrapNodes = [], Protocols = [] });
        Assert.Null(fromConfig.NetRestrict);
        Assert.Null(fromConfig.NodeDatabasePath);
    }

    [Fact]
    public void A_user_file_overrides_what_it_names()
    {
        var config = ConfigFactory.ParseString($$"""
            devp2p.server {
              listen = "127.0.0.1:0"
              max-peers = 7
              static-nodes = ["{{Enode}}"]
              net-restrict = ["10.0.0.0/8", "127.0.0.0/8"]
              datadir = "/tmp/node"
              ping-interval = 3s
              no-discovery = on
            }
            """, "node.conf");
        var settings = ServerSettingsConfig.FromConfig(config, Key);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), settings.ListenEndPoint);
        Assert.Equal(7, settings.MaxPeers);
        Assert.Equal(30304, Assert.Single(settings.StaticNodes).TcpPort);
        Assert.Equal(2, settings.NetRestrict!.Count);
        Assert.True(settings.NetRestrict[1].Contains(IPAddress.Loopback));
        Assert.False(settings.NetRestrict[0].Contains(IPAddress.Loopback));
        Assert.Equal("/tmp/node", settings.NodeDatabasePath);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.PingInterval);
        Assert.True(settings.NoDiscovery);
        Assert.Equal(50, settings.MaxPendingPeers);
    }

    [Theory]
    [InlineData("listen = \"127.0.0.1\"", "devp2p.server.listen")]
    [InlineData("listen = \"::1\"", "devp2p.server.listen")]
    [InlineData("max-peers = -1", "devp2p.server.max-peers")]
    [InlineData("dial-ratio = 0", "devp2p.server.dial-ratio")]
    [InlineData("read-timeout = 0s", "devp2p.server.read-timeout")]
    [InlineData("static-nodes = [\"enode://zz@1.2.3.4:1\"]", "devp2p.server.static-nodes")]
    [InlineData("net-restrict = [\"10.0.0.0/33\"]", "devp2p.server.net-restrict")]
    [InlineData("net-restrict = [\"10.0.0.0\"]", "devp2p.server.net-restrict")]
    public void A_bad_value_names_the_key_and_the_line(string line, string key)
    {
        var config = ConfigFactory.ParseString("devp2p.server {\n  " + line + "\n}\n", "node.conf");
        var e = Assert.ThrowsAny<ConfigException>(() => ServerSettingsConfig.FromConfig(config, Key));
        Assert.Equal(key, e.Path);
        Assert.Contains("node.conf", e.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:30303", "127.0.0.1:30303")]
    [InlineData("[::1]:0", "[::1]:0")]
    [InlineData("0.0.0.0:0", "0.0.0.0:0")]
    public void Listen_addresses_parse(string text, string expected) =>
        Assert.Equal(expected, ServerSettingsConfig.ParseListenAddress(text)!.ToString());

    [Fact]
    public void An_empty_listen_address_means_do_not_listen() =>
        Assert.Null(ServerSettingsConfig.ParseListenAddress(""));

    [Fact]
    public void Every_server_key_is_read()
    {
        // A key added to reference.conf but never read would silently do nothing.
        var reference = ConfigFactory.ParseFile(Path.Combine(RepoPaths.RepoRoot, "hocon", "reference.conf"));
        var source = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "src", "Devp2p.Actors", "Configuration", "ServerSettingsConfig.cs"));
        var unread = reference.AsEnumerable().Select(pair => pair.Key)
            .Where(key => key.StartsWith(ServerSettingsConfig.Section + ".", StringComparison.Ordinal))
            .Select(key => key[(ServerSettingsConfig.Section.Length + 1)..])
            .Where(key => !source.Contains($"\"{key}\"", StringComparison.Ordinal))
            .ToList();
        Assert.True(unread.Count == 0, "reference.conf keys ServerSettingsConfig does not read: " + string.Join(", ", unread));
    }
}
