using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Static entry points to RLP. This part measures: every encoding is sized before it is
/// written, so a message is produced into one exact-size buffer with no resizing or copying.
/// A list is measured by summing the <c>LengthOf...</c> of its items (its content length) and
/// passing that sum to <see cref="LengthOfList"/> and <see cref="RlpWriter.WriteListHeader"/>.
/// </summary>
public static partial class RlpCodec
{
    /// <summary>Encoded size of a byte string.</summary>
    public static int LengthOfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < RlpHeader.ShortString ? 1 : checked(LengthOfHeader(value.Length) + value.Length);

    /// <summary>Encoded size of an unsigned integer (minimal big-endian bytes; zero is 0x80).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfUInt64(ulong value) => value < RlpHeader.ShortString ? 1 : 1 + ByteCount(value);

    /// <summary>Encoded size of a boolean (always one byte: 0x80 or 0x01).</summary>
    public static int LengthOfBool(bool value) => 1;

    /// <summary>Encoded size of a non-negative integer of at most 256 bits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or needs more than 256 bits.</exception>
    public static int LengthOfBigInteger(BigInteger value)
    {
        long bits = CheckUInt256(value);
        if (bits <= 64)
            return LengthOfUInt64((ulong)value);
        return 1 + (int)((bits + 7) / 8);
    }

    /// <summary>Encoded size of a string written as UTF-8 bytes (client ids, capability names).</summary>
    public static int LengthOfUtf8(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int count = Encoding.UTF8.GetByteCount(value);
        return count == 1 ? 1 : checked(LengthOfHeader(count) + count);
    }

    /// <summary>Encoded size of a list whose items together take <paramref name="contentLength"/> bytes.</summary>
    public static int LengthOfList(int contentLength) => checked(LengthOfHeader(contentLength) + contentLength);

    /// <summary>Size of the header (prefix) for a payload of the given length; the same for strings and lists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfHeader(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return payloadLength <= RlpHeader.MaxShortLength ? 1 : 1 + ByteCount((uint)payloadLength);
    }

    /// <summary>Number of bytes in the minimal big-endian form of a non-zero value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ByteCount(ulong value) => 8 - (BitOperations.LeadingZeroCount(value) >> 3);

    /// <summary>Checks the integer range RLP callers in Ethereum use (0 .. 2^256-1) and returns the bit length.</summary>
    internal static long CheckUInt256(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "RLP integers are unsigned; the value is negative");
        long bits = value.GetBitLength();
        if (bits > 256)
            throw new ArgumentOutOfRangeException(nameof(value), $"RLP integers are at most 256 bits; the value has {bits}");
        return bits;
    }
}
