using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols;

/// <summary>
/// An incoming message for a protocol actor, in the protocol's own numbering (0 .. Length-1).
/// The payload is the decompressed RLP, copied out of the connection's buffer: the actor owns it.
/// </summary>
public sealed record ProtocolMessage(ulong Code, ReadOnlyMemory<byte> Payload);

/// <summary>
/// From a protocol actor to its PeerActor: write this message. <see cref="Code"/> is local; the
/// PeerActor adds the capability's offset. A full write queue disconnects the peer.
/// </summary>
public sealed record ProtocolSend(string Protocol, ulong Code, ReadOnlyMemory<byte> Payload);

/// <summary>From a protocol actor to its PeerActor: end the connection with this reason.</summary>
public sealed record ProtocolDisconnect(string Protocol, DisconnectReason Reason);

/// <summary>From a protocol actor to its PeerActor: a new description for PeerInfo.Protocols.</summary>
public sealed record ProtocolInfoUpdate(string Protocol, object Info);
