using System.Buffers;
using System.Numerics;

namespace Devp2p.Protocol.Rlp;

/// <summary>
/// Decoding entry points for input that must be exactly one item: each rejects trailing
/// bytes, since anything after the item would be unsigned, unhashed baggage.
/// </summary>
public static partial class RlpCodec
{
    /// <summary>Decodes input that is exactly one byte string; returns its payload as a slice.</summary>
    public static ReadOnlySpan<byte> DecodeBytes(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var value = reader.ReadBytes();
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Decodes input that is exactly one unsigned integer of at most 8 bytes.</summary>
    public static ulong DecodeUInt64(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        ulong value = reader.ReadUInt64();
        reader.EnsureEnd();
        return value;
    }

    /// <summary>Decodes input that is exactly one unsigned integer of at most 32 bytes.</summary>
    public static BigInteger DecodeBigInteger(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var value = reader.ReadBigInteger();
        reader.EnsureEnd();
        return value;
    }

    /// <summary>
    /// Checks that the input is exactly one list and returns a reader over its content:
    /// the usual start of decoding a packet or message.
    /// </summary>
    public static RlpReader OpenList(ReadOnlySpan<byte> encoded)
    {
        var reader = new RlpReader(encoded);
        var list = reader.EnterList();
        reader.EnsureEnd();
        return list;
    }

    /// <summary>
    /// Checks that the input is exactly one canonical item, all the way down: every nested
    /// header is canonical and every list's content is a whole number of items. Runs without
    /// recursion (deep nesting cannot exhaust the stack) and without allocating unless the
    /// nesting is deeper than 64.
    /// </summary>
    /// <exception cref="RlpException">The input is not exactly one canonical item.</exception>
    public static void Validate(ReadOnlySpan<byte> encoded)
    {
        // ends[d] holds the end of the list (or input) enclosing the list opened at depth d+1.
        Span<int> ends = stackalloc int[64];
        int[]? rented = null;
        try
        {
            int position = 0;
            int end = encoded.Length;
            int depth = 0;
            do
            {
                var header = RlpHeader.Read(encoded[..end], position, 0, inList: depth > 0);
                if (header.Kind == RlpKind.ByteString)
                {
                    position = header.End;
                }
                else
                {
                    if (depth == ends.Length)
                        ends = Grow(ends, ref rented);
                    ends[depth++] = end;
                    end = header.End;
                    position = header.ContentOffset;
                }

                while (depth > 0 && position == end)
                    end = ends[--depth];
            }
            while (depth > 0);

            if (position != encoded.Length)
                RlpThrow.TrailingBytes(position, encoded.Length - position, inList: false);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static Span<int> Grow(Span<int> current, ref int[]? rented)
    {
        var larger = ArrayPool<int>.Shared.Rent(current.Length * 2);
        current.CopyTo(larger);
        if (rented is not null)
            ArrayPool<int>.Shared.Return(rented);
        rented = larger;
        return larger;
    }
}
