using System.Net;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols;

/// <summary>
/// What a protocol actor knows of the peer it serves: the authenticated identity, the remote Hello,
/// the capability it was matched on (with its code range) and the PeerActor that carries its messages.
/// </summary>
public sealed record ProtocolContext(
    NodeId PeerId,
    Hello RemoteHello,
    MatchedCapability Capability,
    bool Inbound,
    IPEndPoint? RemoteEndPoint,
    IActorRef Peer);
