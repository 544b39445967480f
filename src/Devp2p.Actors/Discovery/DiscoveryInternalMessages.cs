using System.Net;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Discovery;

// Messages the DiscoveryActor sends itself: datagrams from the transport and its timers. Each timer
// message doubles as its timer key.

/// <summary>
/// One datagram from the transport's receive loop, with what <see cref="InboundDecoder"/> made of it
/// there: the decoded packet or the decoding error; neither when it was not decoded (the actor then
/// decodes it itself, or drops it unread when its source is outside NetRestrict).
/// </summary>
internal sealed record UdpDatagram(IPEndPoint From, byte[] Data, Discv4DecodedPacket? Decoded = null, Discv4PacketException? Error = null);

/// <summary>The pending reply <see cref="Id"/> did not come in time.</summary>
internal sealed record ReplyTimeout(long Id);

/// <summary>We stopped waiting for the Ping that completes bond <see cref="Id"/>.</summary>
internal sealed record BondTimeout(long Id);

/// <summary>Ping the entry of <see cref="Queue"/> checked least recently.</summary>
internal sealed record RevalidateTick(RevalidationQueue Queue);

/// <summary>Run a self lookup and random lookups.</summary>
internal sealed record RefreshTick
{
    public static RefreshTick Instance { get; } = new();
}

/// <summary>Write the node database's waiting proof writes (write-behind).</summary>
internal sealed record FlushTick
{
    public static FlushTick Instance { get; } = new();
}

/// <summary>Delete database nodes not seen for the expiration period.</summary>
internal sealed record ExpireTick
{
    public static ExpireTick Instance { get; } = new();
}
