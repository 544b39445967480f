using Devp2p.Actors.Diagnostics;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Discovery;

// Metrics of the datagrams: each received packet is counted once, with the drop reason if it was dropped.
public sealed partial class DiscoveryActor
{
    /// <summary>Handles one datagram and counts it: type from its header, outcome accepted or the (last) drop recorded while handling it.</summary>
    private void OnDatagramMeasured(UdpDatagram datagram)
    {
        var dropsBefore = _counters.DropCount;
        OnDatagram(datagram);
        var outcome = _counters.DropCount > dropsBefore && _counters.LastDrop is { } drop ? DropTag(drop) : "accepted";
        _metrics.DiscoveryPacket(received: true, PacketType(datagram.Data), outcome);
    }

    /// <summary>The packet-type byte after hash (32) and signature (65); "unknown" when short or not a discv4 type.</summary>
    internal static string PacketType(ReadOnlySpan<byte> datagram) =>
        datagram.Length > 97 ? NodeMetrics.PacketTypeTag((Discv4PacketType)datagram[97]) : "unknown";

    /// <summary>The <c>outcome</c> tag of a dropped packet: the DiscoveryDrop name in snake_case (bad_packet, no_endpoint_proof, ...).</summary>
    internal static string DropTag(DiscoveryDrop drop) => NodeMetrics.SnakeCase(drop.ToString());
}
