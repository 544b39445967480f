using System.Numerics;
using System.Text;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Walks RLP items in a span without copying: byte strings come back as slices of the input,
/// and <see cref="EnterList"/> returns a reader over a list's content while this reader moves
/// past the whole list. A caller may stop reading a list early and carry on with the outer
/// reader, which is how devp2p's forward compatibility (extra list elements are ignored)
/// is implemented; callers that want exactly N elements call <see cref="EnsureEnd"/>.
/// Every header is checked for canonical form before its length is trusted; every error is
/// an <see cref="RlpException"/> whose offset points into the outermost input.
/// </summary>
public ref struct RlpReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _baseOffset;
    private readonly bool _isListContent;
    private int _position;

    /// <summary>A reader over a sequence of items (usually exactly one: see <see cref="EnsureEnd"/>).</summary>
    public RlpReader(ReadOnlySpan<byte> data)
        : this(data, 0, isListContent: false)
    {
    }

    private RlpReader(ReadOnlySpan<byte> data, int baseOffset, bool isListContent)
    {
        _data = data;
        _baseOffset = baseOffset;
        _isListContent = isListContent;
        _position = 0;
    }

    /// <summary>Index of the next item within this reader's span.</summary>
    public readonly int Position => _position;

    /// <summary>Where this reader's span starts in the outermost input (non-zero for list readers).</summary>
    public readonly int BaseOffset => _baseOffset;

    /// <summary>Unread bytes in this reader's span.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>True while at least one more item (or stray byte) remains.</summary>
    public readonly bool HasMore => _position < _data.Length;

    /// <summary>True when everything in this reader's span has been read.</summary>
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>The kind of the next item, after checking its header; does not advance.</summary>
    public readonly RlpKind PeekKind() => ReadHeader().Kind;

    /// <summary>Reads a byte string and returns its payload as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var header = ReadHeader();
        if (header.Kind != RlpKind.ByteString)
            RlpThrow.ExpectedString(_baseOffset + _position);
        _position = header.End;
        return _data.Slice(header.ContentOffset, header.ContentLength);
    }

    /// <summary>Reads a byte string that must be exactly <paramref name="length"/> bytes long (keys, hashes, node ids).</summary>
    public ReadOnlySpan<byte> ReadFixedBytes(int length)
    {
        var header = ReadHeader();
        if (header.Kind != RlpKind.ByteString)
            RlpThrow.ExpectedString(_baseOffset + _position);
        if (header.ContentLength != length)
            RlpThrow.WrongLength(_baseOffset + _position, length, header.ContentLength);
        _position = header.End;
        return _data.Slice(header.ContentOffset, header.ContentLength);
    }

    /// <summary>Reads a canonical unsigned integer of at most 8 bytes.</summary>
    public ulong ReadUInt64() => ReadUnsigned(sizeof(ulong), "UInt64");

    /// <summary>Reads a canonical unsigned integer of at most 4 bytes.</summary>
    public uint ReadUInt32() => (uint)ReadUnsigned(sizeof(uint), "UInt32");

    /// <summary>Reads a canonical unsigned integer of at most 2 bytes (ports).</summary>
    public ushort ReadUInt16() => (ushort)ReadUnsigned(sizeof(ushort), "UInt16");

    /// <summary>Reads a canonical unsigned integer of at most 1 byte (an integer 0..255, not a raw byte).</summary>
    public byte ReadByte() => (byte)ReadUnsigned(sizeof(byte), "Byte");

    /// <summary>Reads a boolean: the integer 0 (0x80) or 1 (0x01).</summary>
    public bool ReadBool()
    {
        int start = _position;
        ulong value = PeekUnsigned(1, "Bool", out int end);
        if (value > 1)
            RlpThrow.InvalidBoolean(_baseOffset + start, value);
        _position = end;
        return value == 1;
    }

    /// <summary>Reads a canonical unsigned integer of at most 32 bytes (256 bits).</summary>
    public BigInteger ReadBigInteger()
    {
        var header = ReadUnsignedHeader(32, "UInt256");
        _position = header.End;
        return new BigInteger(_data.Slice(header.ContentOffset, header.ContentLength), isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Reads a byte string and decodes it as UTF-8 (invalid sequences become U+FFFD).</summary>
    public string ReadUtf8() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>
    /// Moves past the next item, which must be a list, and returns a reader over its content.
    /// The content is checked lazily, item by item, as the returned reader is used.
    /// </summary>
    public RlpReader EnterList()
    {
        var header = ReadHeader();
        if (header.Kind != RlpKind.List)
            RlpThrow.ExpectedList(_baseOffset + _position);
        _position = header.End;
        return new RlpReader(
            _data.Slice(header.ContentOffset, header.ContentLength),
            _baseOffset + header.ContentOffset,
            isListContent: true);
    }

    /// <summary>Moves past the next item and returns its whole encoding (header and payload), e.g. to hash or re-send it.</summary>
    public ReadOnlySpan<byte> ReadEncodedItem()
    {
        int start = _position;
        var header = ReadHeader();
        _position = header.End;
        return _data[start..header.End];
    }

    /// <summary>Moves past the next item without looking inside it.</summary>
    public void SkipItem() => _position = ReadHeader().End;

    /// <summary>Counts the items left without moving; each header is checked on the way.</summary>
    public readonly int CountRemainingItems()
    {
        var copy = this;
        int count = 0;
        while (copy.HasMore)
        {
            copy.SkipItem();
            count++;
        }
        return count;
    }

    /// <summary>Throws unless everything has been read: no trailing bytes after a single item, no unread list elements.</summary>
    public readonly void EnsureEnd()
    {
        if (_position < _data.Length)
            RlpThrow.TrailingBytes(_baseOffset + _position, _data.Length - _position, _isListContent);
    }

    private readonly RlpHeader ReadHeader() => RlpHeader.Read(_data, _position, _baseOffset, _isListContent);

    private ulong ReadUnsigned(int maxBytes, string typeName)
    {
        ulong value = PeekUnsigned(maxBytes, typeName, out int end);
        _position = end;
        return value;
    }

    private readonly ulong PeekUnsigned(int maxBytes, string typeName, out int end)
    {
        var header = ReadUnsignedHeader(maxBytes, typeName);
        ulong value = 0;
        foreach (byte b in _data.Slice(header.ContentOffset, header.ContentLength))
            value = (value << 8) | b;
        end = header.End;
        return value;
    }

    private readonly RlpHeader ReadUnsignedHeader(int maxBytes, string typeName)
    {
        var header = ReadHeader();
        if (header.Kind != RlpKind.ByteString)
            RlpThrow.ExpectedString(_baseOffset + _position);
        if (header.ContentLength > maxBytes)
            RlpThrow.IntegerOverflow(_baseOffset + _position, header.ContentLength, typeName, maxBytes);
        if (header.ContentLength > 0 && _data[header.ContentOffset] == 0)
            RlpThrow.NonCanonicalInteger(_baseOffset + header.ContentOffset);
        return header;
    }
}
