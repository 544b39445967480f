using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// The whole network at one instant, as the views show it: every node's figures and the totals.
/// <see cref="MessagesPerSecond"/> is the rate since the previous snapshot (0 for the first).
/// </summary>
internal sealed record TestnetSnapshot(TimeSpan Elapsed, int TargetPeers, IReadOnlyList<NodeSnapshot> Nodes, double MessagesPerSecond)
{
    public long Handshakes => Nodes.Sum(n => n.Handshakes);

    public long Messages => Nodes.Sum(n => n.Messages);

    /// <summary>Nodes that have reached <see cref="TargetPeers"/>.</summary>
    public int NodesAtTarget => Nodes.Count(n => n.Peers >= TargetPeers);

    /// <summary>Drops summed over all nodes, by reason, in the enum's order.</summary>
    public IReadOnlyList<KeyValuePair<DisconnectReason, long>> Drops => Nodes
        .SelectMany(n => n.Drops)
        .GroupBy(d => d.Key)
        .OrderBy(g => g.Key)
        .Select(g => KeyValuePair.Create(g.Key, g.Sum(d => d.Value)))
        .ToList();
}
