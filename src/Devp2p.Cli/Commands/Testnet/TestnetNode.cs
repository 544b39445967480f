using Devp2p.Actors;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// One complete testnet node — discovery, RLPx, the sub-protocol — in an ActorSystem of its own, so
/// its EventStream carries only its events and its <see cref="NodeStats"/> need no node id to sort them.
/// </summary>
internal sealed class TestnetNode
{
    private readonly ActorSystem _system;
    private readonly Devp2pNode _node;

    private TestnetNode(ActorSystem system, Devp2pNode node, NodeStats stats)
    {
        _system = system;
        _node = node;
        Stats = stats;
    }

    public NodeStats Stats { get; }

    public EnodeUrl Enode => _node.Info.Enode;

    /// <summary>Starts node <paramref name="index"/> with a fresh key; returns once it listens.</summary>
    public static async Task<TestnetNode> StartAsync(int index, IReadOnlyList<EnodeUrl> bootnodes, TestnetOptions options, Action peersChanged, CancellationToken ct)
    {
        var system = ActorSystem.Create($"testnet-node{index}");
        try
        {
            var stats = new NodeStats(index);
            NodeStatsCollector.Start(system, stats, peersChanged);
            var settings = TestnetTuning.Node(index, Secp256k1.GeneratePrivateKey(), bootnodes, options.Registration(), Random.Shared);
            var node = await Devp2pNode.StartAsync(system, settings, components: Devp2pNode.Components(settings, TestnetTuning.Discovery), cancellationToken: ct);
            if (options.Protocol == "echo")
                TestnetChatter.Start(system, node.Server);
            return new TestnetNode(system, node, stats);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>Graceful stop: every peer gets Disconnect(client quitting), then the system terminates.</summary>
    public async Task StopAsync()
    {
        await _node.StopAsync();
        await _system.Terminate();
    }
}
