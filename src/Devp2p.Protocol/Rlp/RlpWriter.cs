using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Writes RLP items, in order, into a caller-provided span that was sized with the
/// <c>RlpCodec.LengthOf...</c> helpers. It never allocates. A list is written as its header
/// (<see cref="WriteListHeader"/> with the measured content length) followed by its items.
/// Writing past the end of the span throws <see cref="ArgumentException"/>: a mis-measured
/// message is a programming error, not bad input.
/// </summary>
/// <example>
/// <code>
/// int content = RlpCodec.LengthOfBytes(ip) + RlpCodec.LengthOfUInt64(udp) + RlpCodec.LengthOfUInt64(tcp);
/// var buffer = new byte[RlpCodec.LengthOfList(content)];
/// var writer = new RlpWriter(buffer);
/// writer.WriteListHeader(content);
/// writer.WriteBytes(ip);
/// writer.WriteUInt64(udp);
/// writer.WriteUInt64(tcp);
/// </code>
/// </example>
public ref struct RlpWriter
{
    private readonly Span<byte> _destination;
    private int _position;

    public RlpWriter(Span<byte> destination)
    {
        _destination = destination;
        _position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Space left in the destination.</summary>
    public readonly int Remaining => _destination.Length - _position;

    /// <summary>The part of the destination written so far.</summary>
    public readonly Span<byte> Written => _destination[.._position];

    /// <summary>Writes a byte string (a single byte below 0x80 is written as itself).</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < RlpHeader.ShortString)
        {
            WriteRawByte(value[0]);
            return;
        }
        WriteHeader(value.Length, RlpHeader.ShortString);
        Reserve(value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    /// <summary>Writes an unsigned integer as its minimal big-endian bytes (zero is the empty string).</summary>
    public void WriteUInt64(ulong value)
    {
        if (value < RlpHeader.ShortString)
        {
            WriteRawByte(value == 0 ? RlpHeader.ShortString : (byte)value);
            return;
        }
        int count = RlpCodec.ByteCount(value);
        Reserve(1 + count);
        _destination[_position++] = (byte)(RlpHeader.ShortString + count);
        for (int i = count - 1; i >= 0; i--)
        {
            _destination[_position + i] = (byte)value;
            value >>= 8;
        }
        _position += count;
    }

    /// <summary>Writes a boolean as the integer 0 or 1, as go-ethereum does.</summary>
    public void WriteBool(bool value) => WriteRawByte(value ? (byte)0x01 : RlpHeader.ShortString);

    /// <summary>Writes a non-negative integer of at most 256 bits as its minimal big-endian bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or needs more than 256 bits.</exception>
    public void WriteBigInteger(BigInteger value)
    {
        long bits = RlpCodec.CheckUInt256(value);
        if (bits <= 64)
        {
            WriteUInt64((ulong)value);
            return;
        }
        int count = (int)((bits + 7) / 8);
        Reserve(1 + count);
        _destination[_position] = (byte)(RlpHeader.ShortString + count);
        value.TryWriteBytes(_destination.Slice(_position + 1, count), out _, isUnsigned: true, isBigEndian: true);
        _position += 1 + count;
    }

    /// <summary>Writes a string as its UTF-8 bytes.</summary>
    public void WriteUtf8(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int count = Encoding.UTF8.GetByteCount(value);
        if (count != 1)
            WriteHeader(count, RlpHeader.ShortString);
        Reserve(count);
        _position += Encoding.UTF8.GetBytes(value, _destination[_position..]);
    }

    /// <summary>Writes the header of a list whose items, written next, take <paramref name="contentLength"/> bytes.</summary>
    public void WriteListHeader(int contentLength) => WriteHeader(contentLength, RlpHeader.ShortList);

    /// <summary>
    /// Copies an item that is already RLP-encoded (a cached or forwarded item). It is not
    /// checked: the caller vouches that it is exactly one canonical item.
    /// </summary>
    public void WriteEncoded(ReadOnlySpan<byte> encodedItem)
    {
        Reserve(encodedItem.Length);
        encodedItem.CopyTo(_destination[_position..]);
        _position += encodedItem.Length;
    }

    private void WriteHeader(int payloadLength, byte shortOffset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        if (payloadLength <= RlpHeader.MaxShortLength)
        {
            WriteRawByte((byte)(shortOffset + payloadLength));
            return;
        }
        int sizeBytes = RlpCodec.ByteCount((uint)payloadLength);
        Reserve(1 + sizeBytes);
        _destination[_position++] = (byte)(shortOffset + RlpHeader.MaxShortLength + sizeBytes);
        for (int i = sizeBytes - 1; i >= 0; i--)
        {
            _destination[_position + i] = (byte)payloadLength;
            payloadLength >>= 8;
        }
        _position += sizeBytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRawByte(byte value)
    {
        Reserve(1);
        _destination[_position++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Reserve(int count)
    {
        if (count > _destination.Length - _position)
            ThrowTooSmall(count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void ThrowTooSmall(int count) =>
        throw new ArgumentException(
            $"RLP destination too small: {count} more bytes needed at position {_position}, {Remaining} left " +
            "(was the content length measured with the same values that were written?)");
}
