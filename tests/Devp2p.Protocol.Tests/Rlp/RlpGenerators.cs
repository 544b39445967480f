using System.Numerics;
using Devp2p.Protocol.Rlp;
using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>
/// FsCheck generators for RLP: item trees of bounded depth and width whose byte strings and
/// list contents hit the header boundaries (0, 1, 55, 56, 255, 256 bytes), and inputs that
/// are mostly-valid encodings with one mutation, which reach deeper into the decoder than noise.
/// </summary>
internal static class RlpGenerators
{
    private const int MaxDepth = 4;
    private const int MaxWidth = 5;

    private static readonly int[] EdgeLengths = [0, 1, 2, 55, 56, 57, 255, 256, 1024];

    public static Gen<byte> Byte { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<byte[]> Bytes { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 70).SelectMany(BytesOfLength)),
        (2, Gen.Elements(EdgeLengths).SelectMany(BytesOfLength)),
        (2, Byte.Select(b => new[] { b })));

    /// <summary>Trees with at most <see cref="MaxDepth"/> levels of lists and <see cref="MaxWidth"/> items per list.</summary>
    public static Gen<RlpItem> Item { get; } = ItemOfDepth(MaxDepth);

    /// <summary>
    /// Lists whose content length lands on the short/long boundary: one byte string of
    /// n payload bytes has n+1 (n &lt;= 55) or n+2 encoded bytes, so n = 53..56 gives contents of 54..58.
    /// </summary>
    public static Gen<RlpItem> BoundaryList { get; } =
        Gen.Choose(53, 56).SelectMany(BytesOfLength).Select(b => RlpItem.List(RlpItem.FromBytes(b)));

    public static Gen<RlpItem> AnyItem { get; } = Gen.Frequency((9, Item), (1, BoundaryList));

    /// <summary>Integers of 0..32 random bytes, i.e. the whole 256-bit range with every byte length equally likely.</summary>
    public static Gen<BigInteger> UInt256 { get; } =
        Gen.Choose(0, 32).SelectMany(BytesOfLength).Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true));

    public static Gen<ulong> UInt64 { get; } =
        Gen.Choose(0, 8).SelectMany(BytesOfLength).Select(b => (ulong)new BigInteger(b, isUnsigned: true, isBigEndian: true));

    /// <summary>Random noise, or a valid encoding with one byte changed, inserted or removed, or the input cut short or extended.</summary>
    public static Gen<byte[]> DecoderInput { get; } = Gen.Frequency(
        (1, Gen.Choose(0, 64).SelectMany(BytesOfLength)),
        (3, AnyItem.Select(i => i.Encode()).SelectMany(Mutate)));

    private static Gen<byte[]> BytesOfLength(int length) => Byte.ArrayOf(length);

    private static Gen<RlpItem> ItemOfDepth(int depth)
    {
        var leaf = Bytes.Select(b => RlpItem.FromBytes(b));
        if (depth == 0)
            return leaf;
        var list = Gen.Choose(0, MaxWidth)
            .SelectMany(width => ItemOfDepth(depth - 1).ArrayOf(width))
            .Select(items => RlpItem.List(items));
        return Gen.Frequency((3, leaf), (2, list));
    }

    private static Gen<byte[]> Mutate(byte[] encoded)
    {
        var at = Gen.Choose(0, Math.Max(0, encoded.Length - 1));
        return Gen.Frequency(
            (3, at.Zip(Byte).Select(p => Replace(encoded, p.Item1, p.Item2))),
            (1, Gen.Choose(0, encoded.Length).Zip(Byte).Select(p => Insert(encoded, p.Item1, p.Item2))),
            (1, at.Select(i => encoded.Length == 0 ? encoded : encoded.Where((_, j) => j != i).ToArray())),
            (1, Gen.Choose(0, encoded.Length).Select(n => encoded[..n])),
            (1, Byte.Select(b => encoded.Append(b).ToArray())));
    }

    private static byte[] Replace(byte[] encoded, int index, byte value)
    {
        var copy = (byte[])encoded.Clone();
        if (copy.Length > 0)
            copy[index] = value;
        return copy;
    }

    private static byte[] Insert(byte[] encoded, int index, byte value) =>
        [.. encoded.AsSpan(0, index), value, .. encoded.AsSpan(index)];
}
