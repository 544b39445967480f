using System.Text;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// One key/value pair of a node record. The value is kept as its raw RLP encoding, exactly as it
/// arrived, so keys this code does not know (eth, snap, eth2, attnets, ...) survive a decode and
/// re-encode byte for byte. Both memories are slices of the record's own encoding.
/// </summary>
public sealed class EnrEntry
{
    internal EnrEntry(ReadOnlyMemory<byte> keyBytes, ReadOnlyMemory<byte> rawValue, int valueContentOffset)
    {
        KeyBytes = keyBytes;
        RawValue = rawValue;
        _valueContentOffset = valueContentOffset;
        Key = Encoding.UTF8.GetString(keyBytes.Span);
    }

    private readonly int _valueContentOffset;

    /// <summary>The key as text (UTF-8; keys are ASCII in practice). Ordering uses <see cref="KeyBytes"/>.</summary>
    public string Key { get; }

    /// <summary>The key's bytes, which define the record's sort order (byte-wise).</summary>
    public ReadOnlyMemory<byte> KeyBytes { get; }

    /// <summary>The value's complete RLP encoding (header included).</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>True when the value is an RLP list (e.g. "eth" = [[forkHash, forkNext]]).</summary>
    public bool IsList => RawValue.Span[0] >= 0xc0;

    /// <summary>
    /// The value's payload: a byte string's content bytes, or a list's content (its items'
    /// encodings, without the list header).
    /// </summary>
    public ReadOnlyMemory<byte> Content => RawValue[_valueContentOffset..];

    public override string ToString() => $"{Key}={Convert.ToHexStringLower(RawValue.Span)}";
}
