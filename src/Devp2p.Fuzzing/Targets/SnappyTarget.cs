using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// <see cref="SnappyCodec.Decompress(ReadOnlySpan{byte}, int)"/> with the 16 MiB message limit. A snappy block can expand at
/// most about 21 times (a 3-byte copy makes 64 bytes), so anything that allocates more than that
/// for its input trusted a declared length it should have checked first.
/// </summary>
internal sealed class SnappyTarget : FuzzTarget
{
    public override string Name => "snappy";

    public override string Description => "SnappyCodec.Decompress (16 MiB limit)";

    protected override long AllocationPerInputByte => 64;

    public override byte[] CreateValid(FuzzCaseRandom random) => SnappyCodec.Compress(Compressible(random));

    public override bool Execute(byte[] input)
    {
        var output = SnappyCodec.Decompress(input, RlpxSession.DefaultMaxMessageSize);
        if (output.Length != SnappyCodec.DecodedLength(input))
            throw new FuzzInvariantException($"decompressed {output.Length} bytes, block declares {SnappyCodec.DecodedLength(input)}");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;

    /// <summary>Data with repeats in it (so the block has copies, not just literals), up to 4 KiB.</summary>
    internal static byte[] Compressible(FuzzCaseRandom random)
    {
        var data = new byte[random.Next(4096)];
        int i = 0;
        while (i < data.Length)
        {
            int run = Math.Min(data.Length - i, 1 + random.Next(64));
            if (i > 0 && random.Chance(1, 2))
            {
                int from = random.Next(i);
                for (int k = 0; k < run; k++)
                    data[i + k] = data[from + (k % (i - from))];
            }
            else
            {
                random.Random.NextBytes(data.AsSpan(i, run));
            }
            i += run;
        }
        return data;
    }
}
