using System.Net;
using Devp2p.Actors.Peers;

namespace Devp2p.Actors.Listener;

/// <summary>Listener → server: the socket is bound, at this address (the real port when 0 was asked for).</summary>
public sealed record ListenerBound(IPEndPoint EndPoint);

/// <summary>Listener → server: an accepted connection that passed NetRestrict and the throttle; it holds a pending slot.</summary>
public sealed record InboundConnection(PeerSetup Setup);

/// <summary>Server → listener: one inbound connection left the handshake stages (added or closed); its pending slot is free.</summary>
public sealed record InboundSlotFreed
{
    public static InboundSlotFreed Instance { get; } = new();
}
