using System.Buffers.Binary;

namespace Devp2p.Fuzzing.Mutation;

/// <summary>
/// Applies <see cref="MutationKind"/>s to an encoding. Byte-level mutations hit anything; the
/// RLP-aware ones (huge lengths, bombs, duplicated and spliced items) use <see cref="RlpLayout"/>
/// to aim at real items, which reaches the decoders' length checks far more often than noise.
/// Sizes stay bounded (bombs are at most a few tens of KiB) so a pass stays fast.
/// </summary>
public static class Mutator
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7f, 0x80, 0x81, 0xb7, 0xb8, 0xbb, 0xbf, 0xc0, 0xc1, 0xf7, 0xf8, 0xfb, 0xff];

    private static readonly MutationKind[] AllKinds = Enum.GetValues<MutationKind>();

    /// <summary>Applies 1 to <paramref name="maxMutations"/> random mutations.</summary>
    public static byte[] MutateRandomly(byte[] input, FuzzCaseRandom random, int maxMutations = 3)
    {
        int count = 1 + random.Next(maxMutations);
        for (int i = 0; i < count; i++)
            input = Apply(AllKinds[random.Next(AllKinds.Length)], input, random);
        return input;
    }

    public static byte[] Apply(MutationKind kind, byte[] input, FuzzCaseRandom random)
    {
        var r = random.Random;
        switch (kind)
        {
            case MutationKind.BitFlip when input.Length > 0:
            {
                var copy = (byte[])input.Clone();
                copy[r.Next(copy.Length)] ^= (byte)(1 << r.Next(8));
                return copy;
            }
            case MutationKind.InterestingByte when input.Length > 0:
            {
                var copy = (byte[])input.Clone();
                copy[r.Next(copy.Length)] = Interesting[r.Next(Interesting.Length)];
                return copy;
            }
            case MutationKind.Truncate:
                return input[..r.Next(input.Length + 1)];
            case MutationKind.Insert:
                return Splice(input, r.Next(input.Length + 1), 0, random.Bytes(1 + r.Next(16)));
            case MutationKind.Delete when input.Length > 0:
            {
                int at = r.Next(input.Length);
                return Splice(input, at, 1 + r.Next(Math.Min(16, input.Length - at)), []);
            }
            case MutationKind.HugeLength:
                return HugeLength(input, random);
            case MutationKind.NestedListBomb:
                return Bomb(input, random);
            case MutationKind.DuplicateItem:
            {
                var items = RlpLayout.Scan(input);
                if (items.Count == 0) return input;
                var item = items[r.Next(items.Count)];
                return Splice(input, item.End, 0, input.AsSpan(item.Offset, item.Length).ToArray());
            }
            case MutationKind.SpliceItem:
            {
                var items = RlpLayout.Scan(input);
                if (items.Count < 2) return input;
                var target = items[r.Next(items.Count)];
                var source = items[r.Next(items.Count)];
                return Splice(input, target.Offset, target.Length, input.AsSpan(source.Offset, source.Length).ToArray());
            }
            case MutationKind.Append:
                return [.. input, .. random.Bytes(1 + r.Next(32))];
            default:
                return input;
        }
    }

    /// <summary>Replaces <paramref name="removeCount"/> bytes at <paramref name="at"/> with <paramref name="insert"/>.</summary>
    public static byte[] Splice(byte[] input, int at, int removeCount, ReadOnlySpan<byte> insert)
    {
        var result = new byte[input.Length - removeCount + insert.Length];
        input.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result.AsSpan(at));
        input.AsSpan(at + removeCount).CopyTo(result.AsSpan(at + insert.Length));
        return result;
    }

    private static byte[] HugeLength(byte[] input, FuzzCaseRandom random)
    {
        var r = random.Random;
        var items = RlpLayout.Scan(input).Where(i => i.HeaderLength > 0).ToList();
        if (items.Count == 0)
        {
            // No item found: claim a huge string or list at the start.
            return [(byte)(r.Next(2) == 0 ? 0xbb : 0xfb), 0x7f, 0xff, 0xff, 0xff, .. input];
        }
        var item = items[r.Next(items.Count)];
        var copy = (byte[])input.Clone();
        byte longBase = item.IsList ? (byte)0xf7 : (byte)0xb7;
        if (item.HeaderLength > 1 && r.Next(2) == 0)
        {
            // In place: every size byte 0xff (or 0x7f.. so it fits an int but not the input).
            for (int i = 1; i < item.HeaderLength; i++)
                copy[item.Offset + i] = 0xff;
            if (r.Next(2) == 0)
                copy[item.Offset + 1] = 0x7f;
            return copy;
        }
        if (item.HeaderLength == 1 && r.Next(2) == 0)
        {
            copy[item.Offset] = (byte)(item.IsList ? 0xf7 : 0xb7);
            return copy;
        }
        // Rewrite to the long form with a 4-byte (or 8-byte) size.
        int sizeBytes = r.Next(2) == 0 ? 4 : 8;
        var header = new byte[1 + sizeBytes];
        header[0] = (byte)(longBase + sizeBytes);
        if (sizeBytes == 4)
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)r.Next(0x1000_0000, int.MaxValue));
        else
            BinaryPrimitives.WriteUInt64BigEndian(header.AsSpan(1), (ulong)r.NextInt64(1, long.MaxValue) << 1);
        return Splice(input, item.Offset, item.HeaderLength, header);
    }

    private static byte[] Bomb(byte[] input, FuzzCaseRandom random)
    {
        var r = random.Random;
        int depth = r.Next(2) == 0 ? r.Next(64, 512) : r.Next(512, 8192);
        var bomb = r.Next(3) switch
        {
            0 => NestedLists(depth),
            1 => LyingLists(depth, 0xf9, 0xff, 0xff),
            _ => LyingLists(depth, 0xc1),
        };
        var items = RlpLayout.Scan(input);
        if (items.Count == 0 || r.Next(4) == 0)
            return bomb;
        var item = items[r.Next(items.Count)];
        return Splice(input, item.Offset, item.Length, bomb);
    }

    /// <summary>Well-formed lists nested <paramref name="depth"/> deep around an empty list.</summary>
    public static byte[] NestedLists(int depth)
    {
        var buffer = new byte[depth * 5 + 1];
        int start = buffer.Length - 1;
        buffer[start] = 0xc0;
        for (int d = 0; d < depth; d++)
        {
            int content = buffer.Length - start;
            if (content <= 55)
            {
                buffer[--start] = (byte)(0xc0 + content);
            }
            else
            {
                int sizeBytes = content <= 0xff ? 1 : content <= 0xffff ? 2 : 3;
                for (int i = 0; i < sizeBytes; i++)
                    buffer[--start] = (byte)(content >> (8 * i));
                buffer[--start] = (byte)(0xf7 + sizeBytes);
            }
        }
        return buffer[start..];
    }

    private static byte[] LyingLists(int depth, params byte[] header)
    {
        var result = new byte[depth * header.Length];
        for (int i = 0; i < depth; i++)
            header.CopyTo(result, i * header.Length);
        return result;
    }
}
