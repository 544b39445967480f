using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.P2p;

/// <summary>What the peer answered to our Hello: its Hello, or a Disconnect with its reason.</summary>
public sealed record HelloExchangeResult(Hello? Remote, DisconnectReason? Disconnect);

/// <summary>
/// The p2p protocol handshake over an established <see cref="RlpxConnection"/>: send our Hello,
/// read the first message. A Hello must carry the node id the RLPx handshake authenticated
/// (else <see cref="DisconnectReason.UnexpectedIdentity"/>); when both sides announce version ≥ 5,
/// snappy is switched on. A Disconnect instead is returned with its reason; any other message,
/// or an undecodable Hello, is <see cref="P2pHandshakeException"/> with <see cref="DisconnectReason.ProtocolError"/>.
/// Capability matching and limits are the engine's business.
/// </summary>
public static class HelloExchange
{
    public static async Task<HelloExchangeResult> RunAsync(RlpxConnection connection, Hello ours, CancellationToken cancellationToken = default)
    {
        await connection.WriteMessageAsync(P2pMessageCodes.Hello, ours.Encode(), cancellationToken).ConfigureAwait(false);
        var message = await connection.ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            switch (message.Code)
            {
                case P2pMessageCodes.Disconnect:
                    return new HelloExchangeResult(null, Disconnect.Decode(message.Payload.Span));
                case P2pMessageCodes.Hello:
                    var theirs = Hello.Decode(message.Payload.Span);
                    if (!theirs.NodeId.AsSpan().SequenceEqual(connection.RemotePublicKey))
                        throw new P2pHandshakeException(DisconnectReason.UnexpectedIdentity, "Hello node id differs from the key of the RLPx handshake");
                    if (ours.SupportsSnappy && theirs.SupportsSnappy)
                        connection.EnableSnappy();
                    return new HelloExchangeResult(theirs, null);
                default:
                    throw new P2pHandshakeException(DisconnectReason.ProtocolError, $"expected Hello or Disconnect, got message code 0x{message.Code:x2}");
            }
        }
        catch (RlpException e)
        {
            throw new P2pHandshakeException(DisconnectReason.ProtocolError, "undecodable " + (message.Code == 0 ? "Hello" : "Disconnect") + ": " + e.Message, e);
        }
    }
}
