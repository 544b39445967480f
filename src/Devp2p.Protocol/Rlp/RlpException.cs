namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Thrown when input is not canonical RLP or does not have the shape the caller asked for.
/// It is a <see cref="FormatException"/> because the bytes, not the program, are at fault:
/// code that handles untrusted peers catches this one type and drops the message or peer.
/// </summary>
public sealed class RlpException : FormatException
{
    public RlpException(RlpError error, int offset, string message)
        : base($"rlp: {message} (at offset {offset})")
    {
        Error = error;
        Offset = offset;
    }

    /// <summary>What was wrong.</summary>
    public RlpError Error { get; }

    /// <summary>Offset, from the start of the outermost input, of the byte where the problem was found.</summary>
    public int Offset { get; }
}
