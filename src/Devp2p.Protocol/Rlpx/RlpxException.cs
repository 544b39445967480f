namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// A failure of the RLPx transport caused by what the peer sent (or did not send). Code that
/// runs a connection catches this one type, reads <see cref="Error"/> (and, for handshakes,
/// <see cref="HandshakeReason"/>) and drops the connection with a fitting reason.
/// </summary>
public sealed class RlpxException : Exception
{
    public RlpxException(RlpxError error, string message, Exception? innerException = null)
        : base($"rlpx: {message}", innerException)
    {
        Error = error;
    }

    public RlpxException(HandshakeFailure reason, string message, Exception? innerException = null)
        : base($"rlpx handshake: {message}", innerException)
    {
        Error = RlpxError.BadHandshake;
        HandshakeReason = reason;
    }

    /// <summary>The kind of failure.</summary>
    public RlpxError Error { get; }

    /// <summary>For <see cref="RlpxError.BadHandshake"/>, the reason; otherwise <see cref="HandshakeFailure.None"/>.</summary>
    public HandshakeFailure HandshakeReason { get; }
}
