using System.Net;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols;

/// <summary>
/// What a protocol actor knows of the peer it serves: the authenticated identity, the remote Hello,
/// the capability it was matched on (with its code range) and the PeerActor that carries its messages.
/// A context made by the PeerActor also carries the direct line into the peer's write queue that
/// <see cref="ProtocolActor"/>'s Send uses; one made by hand (tests) has none, and Send tells <see cref="Peer"/>.
/// </summary>
public sealed record ProtocolContext(
    NodeId PeerId,
    Hello RemoteHello,
    MatchedCapability Capability,
    bool Inbound,
    IPEndPoint? RemoteEndPoint,
    IActorRef Peer)
{
    /// <summary>Set by the PeerActor; null: Send tells <see cref="Peer"/> a ProtocolSend.</summary>
    internal Peers.ProtocolOutlet? Outlet { get; init; }
}
