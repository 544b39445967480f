using System.Numerics;
using System.Text;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// A decoded RLP value held in memory: a byte string or a list of items. It is for tests,
/// tooling and diagnostics, where seeing the whole structure matters more than speed; protocol
/// code reads with <see cref="RlpReader"/> instead. Immutable, with structural equality.
/// Decoding, encoding and equality are iterative, so deeply nested input cannot overflow the stack.
/// </summary>
public sealed class RlpItem : IEquatable<RlpItem>
{
    private const int MaxDisplayDepth = 16;
    private const int MaxDisplayBytes = 32;

    private readonly byte[]? _bytes;
    private readonly RlpItem[]? _items;

    private RlpItem(byte[] bytes)
    {
        _bytes = bytes;
        ContentLength = bytes.Length;
        EncodedLength = RlpCodec.LengthOfBytes(bytes);
    }

    private RlpItem(RlpItem[] items)
    {
        _items = items;
        int content = 0;
        foreach (var item in items)
            content = checked(content + item.EncodedLength);
        ContentLength = content;
        EncodedLength = RlpCodec.LengthOfList(content);
    }

    public RlpKind Kind => _items is null ? RlpKind.ByteString : RlpKind.List;

    public bool IsList => _items is not null;

    /// <summary>The payload of a byte string.</summary>
    /// <exception cref="InvalidOperationException">This item is a list.</exception>
    public ReadOnlySpan<byte> Bytes => _bytes ?? throw new InvalidOperationException("RLP item is a list, not a byte string");

    /// <summary>The elements of a list.</summary>
    /// <exception cref="InvalidOperationException">This item is a byte string.</exception>
    public IReadOnlyList<RlpItem> Items => _items ?? throw new InvalidOperationException("RLP item is a byte string, not a list");

    /// <summary>Payload length: the string's bytes, or the sum of the list items' encodings.</summary>
    public int ContentLength { get; }

    /// <summary>Length of this item's canonical encoding.</summary>
    public int EncodedLength { get; }

    public static RlpItem FromBytes(ReadOnlySpan<byte> value) => new(value.ToArray());

    public static RlpItem FromUInt64(ulong value)
    {
        var bytes = new byte[value == 0 ? 0 : RlpCodec.ByteCount(value)];
        for (int i = bytes.Length - 1; i >= 0; i--, value >>= 8)
            bytes[i] = (byte)value;
        return new RlpItem(bytes);
    }

    /// <exception cref="ArgumentOutOfRangeException">The value is negative or needs more than 256 bits.</exception>
    public static RlpItem FromBigInteger(BigInteger value)
    {
        RlpCodec.CheckUInt256(value);
        return new RlpItem(value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true));
    }

    public static RlpItem FromUtf8(string value) => new(Encoding.UTF8.GetBytes(value));

    public static RlpItem List(params ReadOnlySpan<RlpItem> items)
    {
        foreach (var item in items)
            ArgumentNullException.ThrowIfNull(item, nameof(items));
        return new RlpItem(items.ToArray());
    }

    public static RlpItem List(IEnumerable<RlpItem> items) => List(items.ToArray().AsSpan());

    /// <summary>Strictly decodes input that is exactly one canonical item.</summary>
    /// <exception cref="RlpException">The input is not exactly one canonical item.</exception>
    public static RlpItem Decode(ReadOnlySpan<byte> encoded)
    {
        // Each open list: the items read so far and the end of whatever encloses it.
        var open = new Stack<(List<RlpItem> Items, int ParentEnd)>();
        int position = 0;
        int end = encoded.Length;
        RlpItem? result = null;
        do
        {
            var header = RlpHeader.Read(encoded[..end], position, 0, inList: open.Count > 0);
            RlpItem? completed = null;
            if (header.Kind == RlpKind.ByteString)
            {
                completed = new RlpItem(encoded.Slice(header.ContentOffset, header.ContentLength).ToArray());
                position = header.End;
            }
            else
            {
                open.Push((new List<RlpItem>(), end));
                end = header.End;
                position = header.ContentOffset;
            }

            while (true)
            {
                if (completed is not null)
                {
                    if (open.Count == 0)
                    {
                        result = completed;
                        break;
                    }
                    open.Peek().Items.Add(completed);
                    completed = null;
                }
                if (open.Count == 0 || position != end)
                    break;
                var (items, parentEnd) = open.Pop();
                completed = new RlpItem(items.ToArray());
                end = parentEnd;
            }
        }
        while (result is null);

        if (position != encoded.Length)
            RlpThrow.TrailingBytes(position, encoded.Length - position, inList: false);
        return result;
    }

    /// <summary>The canonical encoding, in a new exact-size array.</summary>
    public byte[] Encode()
    {
        var result = new byte[EncodedLength];
        var writer = new RlpWriter(result);
        WriteTo(ref writer);
        return result;
    }

    /// <summary>Writes the canonical encoding (<see cref="EncodedLength"/> bytes) into an ongoing writer.</summary>
    public void WriteTo(ref RlpWriter writer)
    {
        if (_items is null)
        {
            writer.WriteBytes(_bytes);
            return;
        }

        // Pre-order: a list's header, then its items, is exactly the encoding.
        writer.WriteListHeader(ContentLength);
        var pending = new Stack<(RlpItem[] Items, int Next)>();
        pending.Push((_items, 0));
        while (pending.TryPop(out var frame))
        {
            if (frame.Next == frame.Items.Length)
                continue;
            pending.Push((frame.Items, frame.Next + 1));
            var item = frame.Items[frame.Next];
            if (item._items is null)
            {
                writer.WriteBytes(item._bytes);
            }
            else
            {
                writer.WriteListHeader(item.ContentLength);
                pending.Push((item._items, 0));
            }
        }
    }

    public bool Equals(RlpItem? other)
    {
        if (other is null || !ShallowEquals(this, other))
            return false;
        if (_items is null || ReferenceEquals(this, other))
            return true;

        var pending = new Stack<(RlpItem[] Left, RlpItem[] Right, int Next)>();
        pending.Push((_items, other._items!, 0));
        while (pending.TryPop(out var frame))
        {
            if (frame.Next == frame.Left.Length)
                continue;
            pending.Push((frame.Left, frame.Right, frame.Next + 1));
            var left = frame.Left[frame.Next];
            var right = frame.Right[frame.Next];
            if (ReferenceEquals(left, right))
                continue;
            if (!ShallowEquals(left, right))
                return false;
            if (left._items is not null)
                pending.Push((left._items, right._items!, 0));
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is RlpItem other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        hash.Add(EncodedLength);
        if (_bytes is not null)
            hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>A readable form: byte strings as hex, lists in brackets (long or deep parts elided).</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text, this, 0);
        return text.ToString();
    }

    private static bool ShallowEquals(RlpItem left, RlpItem right) =>
        left.EncodedLength == right.EncodedLength &&
        (left._items is null
            ? right._items is null && left._bytes.AsSpan().SequenceEqual(right._bytes)
            : right._items is not null && left._items.Length == right._items.Length);

    private static void Append(StringBuilder text, RlpItem item, int depth)
    {
        if (item._bytes is not null)
        {
            var shown = item._bytes.AsSpan(0, Math.Min(item._bytes.Length, MaxDisplayBytes));
            text.Append("0x").Append(Convert.ToHexStringLower(shown));
            if (shown.Length < item._bytes.Length)
                text.Append($"…({item._bytes.Length} bytes)");
            return;
        }
        if (depth >= MaxDisplayDepth)
        {
            text.Append("[…]");
            return;
        }
        text.Append('[');
        for (int i = 0; i < item._items!.Length; i++)
        {
            if (i > 0)
                text.Append(", ");
            Append(text, item._items[i], depth + 1);
        }
        text.Append(']');
    }
}
