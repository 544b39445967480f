using System.Net;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// A fixed pool of validly signed node records, varied in seq, addresses, ports and extra keys,
/// built once from constant seeds: signing per case would make the ENR targets crypto-bound.
/// </summary>
internal static class EnrRecords
{
    public const int Count = 24;

    private static readonly Lazy<byte[][]> Pool = new(() => Enumerable.Range(0, Count).Select(Build).ToArray());

    public static byte[] Pick(FuzzCaseRandom random) => Pool.Value[random.Next(Count)];

    private static byte[] Build(int index)
    {
        var random = new FuzzCaseRandom(FuzzSeed.ForCase(FuzzSeed.Default, "enr-pool", index));
        var builder = new EnrBuilder().WithSeq(random.Sample(FuzzGenerators.UInt64));
        if (random.Chance(3, 4))
            builder.WithIp(new IPAddress(random.Bytes(4))).WithTcp(random.Next(65536)).WithUdp(random.Next(65536));
        if (random.Chance(1, 3))
            builder.WithIp(new IPAddress(random.Bytes(16))).WithTcp6(random.Next(65536)).WithUdp6(random.Next(65536));
        int extras = random.Next(4);
        for (int i = 0; i < extras; i++)
        {
            var key = ((char)('a' + random.Next(26))).ToString() + random.Next(100);
            if (random.Chance(1, 2))
                builder.WithBytes(key, random.Bytes(random.Next(20)));
            else
                builder.WithRawValue(key, RlpItem.List(RlpItem.FromBytes(random.Bytes(4)), RlpItem.FromUInt64((ulong)random.Next(int.MaxValue))).Encode());
        }
        return builder.Sign(TestKeys.Private(index)).Encoded.ToArray();
    }
}
