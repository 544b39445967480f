namespace Devp2p.Protocol.Rlp;

/// <summary>
/// What was wrong with rejected RLP input. Callers can branch on it (and tests assert it)
/// without parsing messages; the names follow go-ethereum's rlp error set where one exists.
/// </summary>
public enum RlpError
{
    /// <summary>The input (or the enclosing list) ended where an item or a header byte was expected.</summary>
    UnexpectedEnd,

    /// <summary>A declared length runs past the end of the input.</summary>
    ValueTooLarge,

    /// <summary>A declared length runs past the end of the list that contains the item.</summary>
    ElementTooLarge,

    /// <summary>The long length form was used for a payload of 55 bytes or fewer.</summary>
    NonCanonicalSize,

    /// <summary>A long-form length starts with a zero byte.</summary>
    LeadingZeroInSize,

    /// <summary>A declared length does not fit in a 32-bit signed integer.</summary>
    SizeOverflow,

    /// <summary>A single byte below 0x80 was wrapped as a one-byte string (0x81 0x00..0x7f).</summary>
    NonCanonicalSingleByte,

    /// <summary>An integer has leading zero bytes (zero itself must be the empty string 0x80).</summary>
    NonCanonicalInteger,

    /// <summary>An integer has more bytes than the target type holds.</summary>
    IntegerOverflow,

    /// <summary>A boolean was neither 0 (0x80) nor 1 (0x01).</summary>
    InvalidBoolean,

    /// <summary>A byte string was expected but a list was found.</summary>
    ExpectedString,

    /// <summary>A list was expected but a byte string was found.</summary>
    ExpectedList,

    /// <summary>A byte string does not have the fixed length the caller requires.</summary>
    WrongLength,

    /// <summary>Bytes remain where exactly one item, or the end of a list, was expected.</summary>
    TrailingBytes,
}
