using System.Numerics;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Protocol.Tests.Discv4;

public class NodeDistanceTests
{
    [Theory]
    [InlineData(0, 256)]
    [InlineData(1, 255)]
    [InlineData(7, 249)]
    [InlineData(8, 248)]
    [InlineData(100, 156)]
    [InlineData(255, 1)]
    public void Flipping_bit_k_gives_distance_256_minus_k(int bit, int expected)
    {
        var a = new byte[32];
        new Random(bit).NextBytes(a);
        var b = (byte[])a.Clone();
        b[bit / 8] ^= (byte)(0x80 >> (bit % 8));
        Assert.Equal(expected, NodeDistance.LogDistance(a, b));
        Assert.Equal(0, NodeDistance.LogDistance(a, a));
    }

    [Fact]
    public void LogDistance_and_DistCmp_match_a_BigInteger_reference()
    {
        var random = new Random(42);
        for (int i = 0; i < 500; i++)
        {
            byte[] t = Bytes(random), a = Bytes(random), b = Bytes(random);
            // Share a random prefix now and then so small distances occur.
            int shared = random.Next(33);
            Array.Copy(a, b, shared);
            Array.Copy(a, t, random.Next(shared + 1));

            var xor = Int(a) ^ Int(b);
            int expected = xor.IsZero ? 0 : (int)xor.GetBitLength();
            Assert.Equal(expected, NodeDistance.LogDistance(a, b));
            Assert.Equal((Int(a) ^ Int(t)).CompareTo(Int(b) ^ Int(t)), Math.Sign(NodeDistance.DistCmp(t, a, b)));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(239, 0)]
    [InlineData(240, 0)]
    [InlineData(241, 1)]
    [InlineData(250, 10)]
    [InlineData(255, 15)]
    [InlineData(256, 16)]
    public void Bucket_index_for_known_distances(int distance, int bucket)
    {
        Assert.Equal(bucket, KademliaConstants.BucketIndex(distance));
    }

    [Fact]
    public void There_are_17_buckets_of_16_with_10_replacements()
    {
        Assert.Equal(17, KademliaConstants.BucketCount);
        Assert.Equal(16, KademliaConstants.BucketSize);
        Assert.Equal(10, KademliaConstants.MaxReplacements);
        Assert.Throws<ArgumentOutOfRangeException>(() => KademliaConstants.BucketIndex(257));
        Assert.Throws<ArgumentException>(() => NodeDistance.LogDistance(new byte[31], new byte[32]));
    }

    private static byte[] Bytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return bytes;
    }

    private static BigInteger Int(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: true);
}
