using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Snappy block encoder (the format of github.com/golang/snappy's <c>Encode</c>), writing into the
/// caller's span: the uvarint length, then each 64 KiB block matched against a 4-byte hash table on
/// the stack. Like Go's encoder it skips ahead faster and faster while no match is found, so
/// incompressible data costs little more than a copy. Allocates nothing.
/// </summary>
internal static class SnappyEncoder
{
    private const int MaxBlockSize = 65536;
    private const int InputMargin = 16 - 1;
    private const int MinNonLiteralBlockSize = 1 + 1 + InputMargin;
    private const int MinTableBits = 8;
    private const int MaxTableBits = 14;

    /// <summary>Worst-case encoded size of <paramref name="sourceLength"/> bytes (Go's <c>MaxEncodedLen</c>).</summary>
    public static int MaxEncodedLength(int sourceLength) => checked(32 + sourceLength + sourceLength / 6);

    [SkipLocalsInit] // the table is cleared per block, only as far as the block uses it
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < MaxEncodedLength(source.Length))
            throw new ArgumentException($"snappy needs {MaxEncodedLength(source.Length)} bytes of room", nameof(destination));
        int d = WriteUvarint(destination, (uint)source.Length);
        // The first block is the longest, so its table size serves every later block.
        Span<ushort> table = stackalloc ushort[1 << TableBits(Math.Min(source.Length, MaxBlockSize))];
        while (!source.IsEmpty)
        {
            var block = source.Length > MaxBlockSize ? source[..MaxBlockSize] : source;
            source = source[block.Length..];
            d += block.Length < MinNonLiteralBlockSize
                ? EmitLiteral(destination[d..], block)
                : EncodeBlock(destination[d..], block, table);
        }
        return d;
    }

    /// <summary>log2 of Go's table size for a block: the smallest power of two ≥ its length, clamped to 2⁸..2¹⁴.</summary>
    internal static int TableBits(int blockLength)
    {
        int bits = MinTableBits;
        while (bits < MaxTableBits && 1 << bits < blockLength)
            bits++;
        return bits;
    }

    private static int WriteUvarint(Span<byte> destination, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>
    /// Four bytes at <paramref name="i"/> without a slice and its checks (the match loop's hottest
    /// operation): every caller's index is at most <c>src.Length - 16</c> (below <c>sLimit</c>) or a
    /// table entry, which is an earlier position of the same block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ReadOnlySpan<byte> s, int i)
    {
        System.Diagnostics.Debug.Assert((uint)i <= (uint)(s.Length - 4));
        uint value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), i));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Eight bytes at <paramref name="i"/>; as <see cref="Load32"/>, callers stay below <c>sLimit</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Load64(ReadOnlySpan<byte> s, int i)
    {
        System.Diagnostics.Debug.Assert((uint)i <= (uint)(s.Length - 8));
        ulong value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(s), i));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint u, int shift) => (int)((u * 0x1e35a7bdu) >> shift);

    /// <summary>One block of at most 64 KiB and at least <see cref="MinNonLiteralBlockSize"/> bytes (Go's <c>encodeBlock</c>).</summary>
    private static int EncodeBlock(Span<byte> dst, ReadOnlySpan<byte> src, Span<ushort> fullTable)
    {
        int tableBits = TableBits(src.Length);
        int shift = 32 - tableBits;
        var table = fullTable[..(1 << tableBits)];
        table.Clear();

        int sLimit = src.Length - InputMargin;
        int nextEmit = 0, d = 0;
        int s = 1;
        int nextHash = Hash(Load32(src, s), shift);
        while (true)
        {
            int skip = 32;
            int nextS = s;
            int candidate;
            while (true)
            {
                s = nextS;
                int step = skip >> 5;
                nextS = s + step;
                skip += step;
                if (nextS > sLimit)
                    goto EmitRemainder;
                candidate = table[nextHash];
                table[nextHash] = (ushort)s;
                nextHash = Hash(Load32(src, nextS), shift);
                if (Load32(src, s) == Load32(src, candidate))
                    break;
            }

            d += EmitLiteral(dst[d..], src[nextEmit..s]);
            while (true)
            {
                int start = s;
                s += 4;
                int i = candidate + 4;
                int common = src[s..].CommonPrefixLength(src[i..]);
                s += common;
                d += EmitCopy(dst[d..], start - candidate, s - start);
                nextEmit = s;
                if (s >= sLimit)
                    goto EmitRemainder;
                ulong x = Load64(src, s - 1);
                table[Hash((uint)x, shift)] = (ushort)(s - 1);
                int currentHash = Hash((uint)(x >> 8), shift);
                candidate = table[currentHash];
                table[currentHash] = (ushort)s;
                if ((uint)(x >> 8) != Load32(src, candidate))
                {
                    nextHash = Hash((uint)(x >> 16), shift);
                    s++;
                    break;
                }
            }
        }

    EmitRemainder:
        if (nextEmit < src.Length)
            d += EmitLiteral(dst[d..], src[nextEmit..]);
        return d;
    }

    private static int EmitLiteral(Span<byte> dst, ReadOnlySpan<byte> literal)
    {
        if (literal.IsEmpty)
            return 0;
        int n = literal.Length - 1;
        int i;
        if (n < 60)
        {
            dst[0] = (byte)(n << 2);
            i = 1;
        }
        else if (n < 1 << 8)
        {
            dst[0] = 60 << 2;
            dst[1] = (byte)n;
            i = 2;
        }
        else
        {
            dst[0] = 61 << 2;
            dst[1] = (byte)n;
            dst[2] = (byte)(n >> 8);
            i = 3;
        }
        literal.CopyTo(dst[i..]);
        return i + literal.Length;
    }

    /// <summary>Copies of 4..64 bytes per element; offsets below 2048 and lengths below 12 use the 2-byte form.</summary>
    private static int EmitCopy(Span<byte> dst, int offset, int length)
    {
        int i = 0;
        while (length >= 68)
        {
            dst[i] = (63 << 2) | 2;
            BinaryPrimitives.WriteUInt16LittleEndian(dst[(i + 1)..], (ushort)offset);
            i += 3;
            length -= 64;
        }
        if (length > 64)
        {
            dst[i] = (59 << 2) | 2;
            BinaryPrimitives.WriteUInt16LittleEndian(dst[(i + 1)..], (ushort)offset);
            i += 3;
            length -= 60;
        }
        if (length >= 12 || offset >= 2048)
        {
            dst[i] = (byte)(((length - 1) << 2) | 2);
            BinaryPrimitives.WriteUInt16LittleEndian(dst[(i + 1)..], (ushort)offset);
            return i + 3;
        }
        dst[i] = (byte)(((offset >> 8) << 5) | ((length - 4) << 2) | 1);
        dst[i + 1] = (byte)offset;
        return i + 2;
    }
}
