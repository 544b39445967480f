using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Protocols.Echo;

/// <summary>
/// Asks an echo/1 actor to send <see cref="Payload"/> (an RLP item) as a request (code 0). Deliver it
/// with the server's <c>SendToPeer(peer, "echo", new EchoSend(...))</c>, or tell it to the echo actor
/// <c>GetProtocolActor</c> answers with (the fast path); the asker gets an <see cref="EchoReply"/>.
/// </summary>
public sealed record EchoSend(ReadOnlyMemory<byte> Payload);

/// <summary>
/// The remote's answer (code 1) to one of our requests, matched first in, first out. Also published on the EventStream
/// when anyone subscribes to it (checked per reply). <see cref="Payload"/> is the received copy itself, shared with subscribers: read only.
/// </summary>
public sealed record EchoReply(NodeId Peer, byte[] Payload);
