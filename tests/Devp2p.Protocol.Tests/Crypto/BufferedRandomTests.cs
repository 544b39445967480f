using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Crypto;

public sealed class BufferedRandomTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(128)] // the largest served from the block
    [InlineData(129)] // straight from the OS
    [InlineData(4096)]
    public void Successive_draws_of_any_size_differ_and_are_not_zero(int size)
    {
        var seen = new HashSet<string>();
        for (int i = 0; i < 200; i++) // several block refills for the small sizes
        {
            var data = new byte[size];
            BufferedRandom.Fill(data);
            if (size >= 16)
            {
                Assert.Contains(data, b => b != 0);
                Assert.True(seen.Add(Convert.ToHexString(data)), "a draw repeated");
            }
        }
    }

    [Fact]
    public void Bytes_are_uniform_enough_across_block_refills()
    {
        // 256,000 bytes in 16-byte draws: every byte value expected 1,000 times; a biased or stuck
        // block (e.g. handed out twice, or zeroed before being copied) shows as counts far off.
        var counts = new int[256];
        var draw = new byte[16];
        for (int i = 0; i < 16_000; i++)
        {
            BufferedRandom.Fill(draw);
            foreach (var b in draw)
                counts[b]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 800, 1200)); // ±6 standard deviations
    }

    [Fact]
    public void Threads_get_different_bytes()
    {
        var results = new string[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var data = new byte[32];
            BufferedRandom.Fill(data);
            results[i] = Convert.ToHexString(data);
        });
        Assert.Equal(results.Length, results.Distinct().Count());
    }

    [Fact]
    public void NextInt32_stays_in_its_range_and_reaches_both_ends()
    {
        var counts = new int[100];
        for (int i = 0; i < 50_000; i++)
        {
            int v = BufferedRandom.NextInt32(100, 200);
            Assert.InRange(v, 100, 199);
            counts[v - 100]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 300, 700)); // 500 expected each
        Assert.Equal(7, BufferedRandom.NextInt32(7, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => BufferedRandom.NextInt32(5, 5));
    }

    [Fact]
    public void The_secure_handshake_random_gives_valid_ephemeral_keys_and_geths_padding_lengths()
    {
        var key = new byte[32];
        for (int i = 0; i < 100; i++)
        {
            HandshakeRandom.Secure.FillEphemeralKey(key);
            Assert.True(Secp256k1.Default.IsValidPrivateKey(key));
            Assert.InRange(HandshakeRandom.Secure.NextPaddingLength(), 100, 199);
        }
        Assert.Throws<ArgumentException>(() => HandshakeRandom.Secure.FillEphemeralKey(new byte[31]));
    }
}
