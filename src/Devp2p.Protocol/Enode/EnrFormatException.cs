namespace Devp2p.Protocol.Enode;

/// <summary>
/// A node record (EIP-778) that was rejected: malformed, too big, or (on the strict path)
/// not validly signed. It is a <see cref="FormatException"/> because the input is at fault;
/// <see cref="Error"/> says which rule it broke and the message says how, in one line.
/// </summary>
public sealed class EnrFormatException : FormatException
{
    public EnrFormatException(EnrError error, string message, Exception? innerException = null)
        : base("invalid ENR: " + message, innerException)
    {
        Error = error;
    }

    /// <summary>Which rule the record broke.</summary>
    public EnrError Error { get; }
}
