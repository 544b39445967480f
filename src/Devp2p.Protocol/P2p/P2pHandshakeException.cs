namespace Devp2p.Protocol.P2p;

/// <summary>The protocol handshake (Hello exchange) failed; <see cref="Reason"/> is what to send the peer.</summary>
public sealed class P2pHandshakeException(DisconnectReason reason, string message, Exception? innerException = null)
    : Exception($"p2p handshake: {message}", innerException)
{
    public DisconnectReason Reason { get; } = reason;
}
