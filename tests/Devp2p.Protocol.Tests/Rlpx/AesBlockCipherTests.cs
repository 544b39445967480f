using System.Security.Cryptography;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// The AES-NI block cipher and counter mode against the platform's AES (and FIPS-197's vectors),
/// and the fallback path against the hardware one, so either can serve the frame codec.
/// </summary>
public class AesBlockCipherTests
{
    [Theory]
    // FIPS-197 appendix C.1 and C.3.
    [InlineData("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089")]
    public void Fips197_vectors_on_both_paths(string keyHex, string expectedHex)
    {
        var plaintext = Convert.FromHexString("00112233445566778899aabbccddeeff");
        foreach (bool hardware in new[] { true, false })
        {
            using var aes = AesBlockCipher.Create(Convert.FromHexString(keyHex), hardware);
            var output = new byte[16];
            aes.EncryptBlock(plaintext, output);
            Assert.Equal(expectedHex, Convert.ToHexStringLower(output));
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(24)]
    [InlineData(32)]
    public void Block_encryption_equals_the_platform_aes_for_random_keys(int keyLength)
    {
        var rng = new Random(keyLength);
        for (int trial = 0; trial < 50; trial++)
        {
            var key = new byte[keyLength];
            var blocks = new byte[16 * rng.Next(1, 20)];
            rng.NextBytes(key);
            rng.NextBytes(blocks);
            using var platform = System.Security.Cryptography.Aes.Create();
            platform.Key = key;
            var expected = platform.EncryptEcb(blocks, PaddingMode.None);
            using var ours = AesBlockCipher.Create(key);
            for (int i = 0; i < blocks.Length; i += 16)
            {
                var output = new byte[16];
                ours.EncryptBlock(blocks.AsSpan(i, 16), output);
                Assert.Equal(expected.AsSpan(i, 16).ToArray(), output);
            }
        }
    }

    [Fact]
    public void Hardware_is_used_when_the_cpu_has_it()
    {
        using var aes = AesBlockCipher.Create(new byte[32]);
        Assert.Equal(System.Runtime.Intrinsics.X86.Aes.IsSupported, aes is AesNiBlockCipher);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    public void Ctr_equals_ecb_over_explicit_counter_blocks_including_the_wrap(int keyLength)
    {
        var rng = new Random(100 + keyLength);
        var key = new byte[keyLength];
        rng.NextBytes(key);
        // Start just below a 64-bit carry and just below the 128-bit wrap.
        foreach (var start in new[] { (UInt128)0xffff_ffff_ffff_fffaUL, UInt128.MaxValue - 3, (UInt128)12345 })
        {
            var data = new byte[16 * 37 + 5];
            rng.NextBytes(data);
            var counters = new byte[16 * 38];
            var c = start;
            for (int i = 0; i < counters.Length; i += 16, c++)
                System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(counters.AsSpan(i), c);
            using var platform = System.Security.Cryptography.Aes.Create();
            platform.Key = key;
            var keystream = platform.EncryptEcb(counters, PaddingMode.None);
            var expected = data.Select((b, i) => (byte)(b ^ keystream[i])).ToArray();

            var iv = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(iv, start);
            foreach (bool hardware in new[] { true, false })
            {
                var output = new byte[data.Length];
                using var ctr = new AesCtr(key, iv, hardware);
                ctr.Transform(data, output);
                Assert.Equal(expected, output);
            }
        }
    }

    [Fact]
    public void Hardware_and_fallback_ctr_agree_at_every_split()
    {
        var rng = new Random(5);
        var key = new byte[32];
        rng.NextBytes(key);
        var data = new byte[20_000];
        rng.NextBytes(data);
        using var hardware = new AesCtr(key, default, allowHardware: true);
        using var fallback = new AesCtr(key, default, allowHardware: false);
        for (int offset = 0; offset < data.Length;)
        {
            int n = Math.Min(rng.Next(0, 300), data.Length - offset);
            var a = data.AsSpan(offset, n).ToArray();
            var b = data.AsSpan(offset, n).ToArray();
            hardware.Transform(a);
            fallback.Transform(b);
            Assert.Equal(b, a);
            offset += n;
        }
    }

    /// <summary>
    /// The default <see cref="AesCtr"/> (AES-NI where the CPU has it): runs of every block count up
    /// to 20 (the edges of the 8-way, 4-way and single-block loops), at odd offsets, and long runs
    /// equal the platform-only stream.
    /// </summary>
    [Fact]
    public void Default_ctr_at_every_loop_edge_equals_the_platform_stream()
    {
        var rng = new Random(21);
        var key = new byte[32];
        rng.NextBytes(key);
        var runs = new List<int>();
        for (int blocks = 0; blocks <= 20; blocks++)
            runs.AddRange([16 * blocks, 16 * blocks + 3]);
        runs.AddRange([1007, 1024, 1041]);
        runs.AddRange([5000, 65536, 7]);
        var data = new byte[runs.Sum()];
        rng.NextBytes(data);
        using var mixed = new AesCtr(key);
        using var platform = new AesCtr(key, default, allowHardware: false);
        int offset = 0;
        foreach (int n in runs)
        {
            var a = data.AsSpan(offset, n).ToArray();
            var b = data.AsSpan(offset, n).ToArray();
            mixed.Transform(a);
            platform.Transform(b);
            Assert.Equal(b, a);
            offset += n;
        }
    }
}
