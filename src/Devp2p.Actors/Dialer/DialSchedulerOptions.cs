using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Dialer;

/// <summary>The numbers a <see cref="DialScheduler"/> works with, taken from the server settings.</summary>
public sealed record DialSchedulerOptions(
    NodeId Self,
    int MaxDialedPeers,
    int MaxActiveDials,
    TimeSpan HistoryExpiration,
    IReadOnlyList<IpPrefix>? NetRestrict)
{
    /// <summary>Cap of a static node's redial delay after failures in a row (the delay doubles from HistoryExpiration).</summary>
    public TimeSpan MaxStaticBackoff { get; init; } = TimeSpan.FromMinutes(5);

    public static DialSchedulerOptions From(ServerSettings settings, NodeId self) => new(
        self,
        Server.PeerLimits.MaxDialedConns(settings),
        settings.MaxActiveDials,
        settings.DialHistoryExpiration,
        settings.NetRestrict);
}
