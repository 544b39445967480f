using System.Security.Cryptography;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// <see cref="FrameMac"/> (which reuses the last MAC as the next header's digest instead of reading
/// the hash again) against go-ethereum's <c>hashMAC</c> written out plainly: a fresh digest every
/// time, the platform AES for the block, over many frames of every padding and across Keccak's
/// 136-byte rate, on both AES paths.
/// </summary>
public class FrameMacTests
{
    /// <summary>geth's hashMAC, with nothing cached.</summary>
    private sealed class ReferenceMac(byte[] macSecret, Keccak256Hasher hash)
    {
        private readonly Aes _aes = CreateAes(macSecret);

        private static Aes CreateAes(byte[] key)
        {
            var aes = Aes.Create();
            aes.Key = key;
            return aes;
        }

        public byte[] Header(byte[] headerCiphertext) => Compute(hash.GetCurrentDigest(), headerCiphertext);

        public byte[] Frame(byte[] bodyCiphertext)
        {
            hash.Update(bodyCiphertext);
            var seed = hash.GetCurrentDigest();
            return Compute(seed, seed[..16]);
        }

        private byte[] Compute(byte[] sum1, byte[] seed)
        {
            var block = _aes.EncryptEcb(sum1[..16], PaddingMode.None);
            for (int i = 0; i < 16; i++)
                block[i] ^= seed[i];
            hash.Update(block);
            return hash.GetCurrentDigest()[..16];
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_header_and_frame_mac_equals_gos_hash_mac(bool hardwareAes)
    {
        var rng = new Random(hardwareAes ? 8 : 9);
        var macSecret = new byte[32];
        var seedInput = new byte[77];
        rng.NextBytes(macSecret);
        rng.NextBytes(seedInput);
        var ours = new Keccak256Hasher();
        var reference = new Keccak256Hasher();
        ours.Update(seedInput);
        reference.Update(seedInput);
        using var mac = new FrameMac(macSecret, new KeccakFrameMacHash(ours), hardwareAes);
        var expected = new ReferenceMac(macSecret, reference);

        var got = new byte[FrameMac.Length];
        for (int frame = 0; frame < 200; frame++)
        {
            var header = new byte[16];
            var body = new byte[16 * rng.Next(1, frame % 5 == 0 ? 40 : 12)];
            rng.NextBytes(header);
            rng.NextBytes(body);
            mac.ComputeHeader(header, got);
            Assert.Equal(expected.Header(header), got);
            mac.ComputeFrame(body, got);
            Assert.Equal(expected.Frame(body), got);
            if (frame % 7 == 3)
            {
                // Two frames' bodies in a row without a header between (not RLPx, but the state must stay exact).
                mac.ComputeFrame(header, got);
                Assert.Equal(expected.Frame(header), got);
            }
        }
        Assert.Equal(reference.GetCurrentDigest(), ours.GetCurrentDigest());
    }
}
