namespace Devp2p.Fuzzing.Mutation;

/// <summary>The ways <see cref="Mutator"/> damages a valid encoding.</summary>
public enum MutationKind
{
    /// <summary>One bit inverted.</summary>
    BitFlip,

    /// <summary>One byte set to a value that matters to RLP or lengths (0x00, 0x7f, 0x80, 0xb7, 0xb8, 0xc0, 0xf7, 0xf8, 0xff ...).</summary>
    InterestingByte,

    /// <summary>The input cut short.</summary>
    Truncate,

    /// <summary>Random bytes inserted somewhere.</summary>
    Insert,

    /// <summary>A range of bytes removed.</summary>
    Delete,

    /// <summary>An RLP item's length field set huge (in place, or rewritten to the long form with a 4-byte size).</summary>
    HugeLength,

    /// <summary>An item replaced by thousands of nested lists, well-formed or with sizes that lie.</summary>
    NestedListBomb,

    /// <summary>An RLP item copied and inserted right after itself (lengths of enclosing lists untouched).</summary>
    DuplicateItem,

    /// <summary>An RLP item replaced by another item of the same input.</summary>
    SpliceItem,

    /// <summary>Random bytes appended.</summary>
    Append,
}
