using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Kernel;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// Subscribes to one node's EventStream (peer events and discovery table changes) and feeds them to
/// its <see cref="NodeStats"/>; calls back when the peer count moved, so
/// the network checks convergence on the event rather than by polling.
/// </summary>
internal sealed class NodeStatsCollector : ReceiveActor
{
    public NodeStatsCollector(NodeStats stats, Action peersChanged) =>
        ReceiveAny(message =>
        {
            if (stats.Apply(message))
                peersChanged();
        });

    /// <summary>Starts the collector in <paramref name="system"/> and subscribes it before returning, so no event of the node is missed.</summary>
    public static IActorRef Start(ActorSystem system, NodeStats stats, Action peersChanged)
    {
        var collector = system.ActorOf(Props.Create(() => new NodeStatsCollector(stats, peersChanged)), "testnet-stats");
        system.EventStream.Subscribe(collector, typeof(PeerEvent));
        system.EventStream.Subscribe(collector, typeof(DiscoveryTableChanged));
        return collector;
    }
}
