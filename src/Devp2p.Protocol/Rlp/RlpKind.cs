namespace Devp2p.Protocol.Rlp;

/// <summary>
/// The two shapes an RLP item can take. RLP itself has no integers, booleans or text:
/// everything is a byte string or a list, and types are a convention between the two ends.
/// </summary>
public enum RlpKind
{
    /// <summary>A byte string (including the single-byte form 0x00..0x7f).</summary>
    ByteString,

    /// <summary>A list of zero or more items.</summary>
    List,
}
