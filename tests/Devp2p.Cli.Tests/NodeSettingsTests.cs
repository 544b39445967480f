using Devp2p.Cli.Commands;

namespace Devp2p.Cli.Tests;

/// <summary>How `devp2p node` turns its inputs into settings: --set, --datadir's node key, and which wins.</summary>
public sealed class NodeSettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("devp2p-node-settings-").FullName;

    private static NodeCommand.NodeOptions Options(string? dataDir = null, int? maxPeers = null, string[]? set = null, string? nodeKeyHex = null) =>
        new("127.0.0.1:0", null, nodeKeyHex, dataDir, null, null, null, maxPeers, NoDiscover: true, [], "mainnet", null, null, set);

    [Fact]
    public void Set_overrides_the_reference_default_and_a_flag_overrides_set()
    {
        var fromSet = NodeCommand.BuildSettings(Options(set: ["devp2p.server.max-peers=7"]));
        var fromFlag = NodeCommand.BuildSettings(Options(set: ["devp2p.server.max-peers=7"], maxPeers: 3));
        var byDefault = NodeCommand.BuildSettings(Options());

        Assert.Equal(7, fromSet.MaxPeers);
        Assert.Equal(3, fromFlag.MaxPeers);
        Assert.Equal(50, byDefault.MaxPeers);
    }

    [Fact]
    public void A_bad_set_value_names_the_key()
    {
        var error = Assert.ThrowsAny<Exception>(() => NodeCommand.BuildSettings(Options(set: ["devp2p.server.max-peers=lots"])));
        Assert.Contains("max-peers", error.Message);
    }

    [Fact]
    public void A_data_directory_keeps_the_node_key_across_restarts()
    {
        var first = NodeCommand.BuildSettings(Options(dataDir: _dir));
        var second = NodeCommand.BuildSettings(Options(dataDir: _dir));
        var elsewhere = NodeCommand.BuildSettings(Options(dataDir: Path.Combine(_dir, "other")));

        Assert.True(File.Exists(Path.Combine(_dir, "nodekey")));
        Assert.Equal(first.PrivateKey, second.PrivateKey);
        Assert.NotEqual(first.PrivateKey, elsewhere.PrivateKey);
    }

    [Fact]
    public void An_explicit_key_wins_over_the_data_directory()
    {
        var hex = new string('1', 64);
        var settings = NodeCommand.BuildSettings(Options(dataDir: _dir, nodeKeyHex: hex));

        Assert.Equal(Convert.FromHexString(hex), settings.PrivateKey);
        Assert.False(File.Exists(Path.Combine(_dir, "nodekey")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
