namespace Devp2p.Protocol.Eth;

/// <summary>
/// An eth message that cannot be decoded. A <see cref="FormatException"/> like RlpException (which
/// it wraps as the inner exception): the peer's bytes are at fault, and the handler disconnects it.
/// </summary>
public sealed class EthMessageException : FormatException
{
    public EthMessageException(string message)
        : base(message)
    {
    }

    public EthMessageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
