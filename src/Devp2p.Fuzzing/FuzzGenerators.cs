using Devp2p.Protocol.Rlp;
using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Fuzzing;

/// <summary>
/// FsCheck generators of the valid structures the targets start from: byte strings whose lengths
/// sit on RLP's header boundaries, item trees, integers of every byte length.
/// </summary>
public static class FuzzGenerators
{
    private static readonly int[] EdgeLengths = [0, 1, 2, 55, 56, 57, 255, 256];

    public static Gen<byte> Byte { get; } = Gen.Choose(0, 255).Select(i => (byte)i);

    public static Gen<byte[]> BytesOfLength(int length) => Byte.ArrayOf(length);

    /// <summary>Byte strings of 0–70 bytes, or of an edge length, or a single byte.</summary>
    public static Gen<byte[]> Bytes { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 70).SelectMany(BytesOfLength)),
        (1, Gen.Elements(EdgeLengths).SelectMany(BytesOfLength)),
        (2, Byte.Select(b => new[] { b })));

    /// <summary>Unsigned integers with every byte length (0–8) equally likely.</summary>
    public static Gen<ulong> UInt64 { get; } =
        Gen.Choose(0, 8).SelectMany(BytesOfLength).Select(b =>
        {
            ulong value = 0;
            foreach (var x in b)
                value = (value << 8) | x;
            return value;
        });

    public static Gen<uint> UInt32 { get; } = UInt64.Select(v => (uint)v);

    /// <summary>RLP trees up to 4 levels deep, 5 items wide.</summary>
    public static Gen<RlpItem> Item { get; } = ItemOfDepth(4);

    /// <summary>Extra list elements a forward-compatible decoder must skip.</summary>
    public static Gen<RlpItem[]> Extras { get; } = Gen.Frequency(
        (3, Gen.Constant(Array.Empty<RlpItem>())),
        (1, Gen.Choose(1, 3).SelectMany(n => ItemOfDepth(2).ArrayOf(n))));

    private static Gen<RlpItem> ItemOfDepth(int depth)
    {
        var leaf = Bytes.Select(b => RlpItem.FromBytes(b));
        if (depth == 0)
            return leaf;
        var list = Gen.Choose(0, 5)
            .SelectMany(width => ItemOfDepth(depth - 1).ArrayOf(width))
            .Select(items => RlpItem.List(items));
        return Gen.Frequency((3, leaf), (2, list));
    }
}
