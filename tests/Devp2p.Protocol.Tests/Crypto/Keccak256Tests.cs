using System.Text;
using Devp2p.Protocol.Crypto;
using Devp2p.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;
using Org.BouncyCastle.Crypto.Digests;

namespace Devp2p.Protocol.Tests.Crypto;

public class Keccak256Tests
{
    private static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
            data[i] = (byte)(i % 251);
        return data;
    }

    /// <summary>BouncyCastle's KeccakDigest: an independent implementation to compare against.</summary>
    private static byte[] Reference(ReadOnlySpan<byte> data)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data.ToArray(), 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void EmptyInput()
    {
        Assert.Equal("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex(Keccak256.Hash([])));
        Assert.Equal(Hex(Keccak256.EmptyHash), Hex(Keccak256.Hash([])));
    }

    [Fact]
    public void Abc() =>
        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex(Keccak256.Hash("abc"u8)));

    [Fact]
    public void IsNotSha3()
    {
        // FIPS 202 SHA3-256("") = a7ffc6f8…; Ethereum's Keccak-256 differs only in the padding byte.
        Assert.NotEqual("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", Hex(Keccak256.Hash([])));
    }

    // Pattern bytes i % 251, digests from a separate textbook implementation of the spec.
    [Theory]
    [InlineData(135, "cbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62")]
    [InlineData(136, "7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e")]
    [InlineData(137, "ac73d4fae68b8453f764007c1a20ce95994187861f0c3227a3a8e99a73a3b1db")]
    [InlineData(272, "8e2476e65823b24d96ebe239f2c1534cdf763e689e2410c3b1cb0c74e6177bfc")]
    [InlineData(1 << 20, "2fd6b833d9e25ae8d7dda1c3ed07af04df131ce89010c888534d4e825e40e875")]
    public void LongInputsAroundTheRate(int length, string expected)
    {
        var data = Pattern(length);
        Assert.Equal(expected, Hex(Keccak256.Hash(data)));
        Assert.Equal(expected, Hex(Reference(data)));

        var hasher = new Keccak256Hasher();
        hasher.Update(data);
        Assert.Equal(expected, Hex(hasher.GetCurrentDigest()));
    }

    [Fact]
    public void EveryLengthUpTo600MatchesBouncyCastle()
    {
        var data = Pattern(600);
        Span<byte> output = stackalloc byte[32];
        for (int length = 0; length <= data.Length; length++)
        {
            Keccak256.Hash(data.AsSpan(0, length), output);
            Assert.True(Reference(data.AsSpan(0, length)).AsSpan().SequenceEqual(output), $"length {length}");
        }
    }

    [Fact]
    public void WritesOnlyTheFirst32BytesOfALargerOutput()
    {
        var output = new byte[40];
        output.AsSpan(32).Fill(0xee);
        Keccak256.Hash("abc"u8, output);
        Assert.Equal(Hex(Keccak256.Hash("abc"u8)), Hex(output.AsSpan(0, 32)));
        Assert.All(output[32..], b => Assert.Equal(0xee, b));
    }

    [Fact]
    public void ShortOutputIsRejected() =>
        Assert.Throws<ArgumentException>(() => Keccak256.Hash("abc"u8, new byte[31]));

    [Fact]
    public void TwoSpanHashEqualsHashOfConcatenation()
    {
        var data = Pattern(500);
        foreach (var split in new[] { 0, 1, 135, 136, 137, 300, 500 })
            Assert.Equal(Hex(Keccak256.Hash(data)), Hex(Keccak256.HashConcat(data.AsSpan(0, split), data.AsSpan(split))));
    }

    [Fact]
    public void IncrementalEqualsOneShotForRandomSplits()
    {
        var gen =
            from data in ArbMap.Default.GeneratorFor<byte[]>().Select(d => d ?? []).ScaleSize(s => s * 20)
            from cuts in Gen.ListOf(Gen.Choose(0, Math.Max(0, data.Length)))
            select (data, cuts: cuts.OrderBy(c => c).ToArray());

        Prop.ForAll(gen.ToArbitrary(), input =>
        {
            var hasher = new Keccak256Hasher();
            int previous = 0;
            foreach (var cut in input.cuts)
            {
                hasher.Update(input.data.AsSpan(previous, cut - previous));
                previous = cut;
            }
            hasher.Update(input.data.AsSpan(previous));
            return hasher.GetCurrentDigest().AsSpan().SequenceEqual(Keccak256.Hash(input.data));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void CurrentDigestDoesNotDisturbTheRunningState()
    {
        var data = Pattern(1000);
        var hasher = new Keccak256Hasher();
        foreach (var (start, end) in new[] { (0, 3), (3, 136), (136, 137), (137, 600), (600, 1000) })
        {
            hasher.Update(data.AsSpan(start, end - start));
            Assert.Equal(Hex(Keccak256.Hash(data.AsSpan(0, end))), Hex(hasher.GetCurrentDigest()));
            Assert.Equal(Hex(Keccak256.Hash(data.AsSpan(0, end))), Hex(hasher.GetCurrentDigest()));
        }
    }

    [Fact]
    public void ResetAndClone()
    {
        var hasher = new Keccak256Hasher();
        hasher.Update(Pattern(200));
        var clone = hasher.Clone();
        hasher.Reset();
        Assert.Equal(Hex(Keccak256.EmptyHash), Hex(hasher.GetCurrentDigest()));
        hasher.Update("abc"u8);
        Assert.Equal("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", Hex(hasher.GetCurrentDigest()));

        clone.Update("x"u8);
        Assert.Equal(Hex(Keccak256.Hash([.. Pattern(200), (byte)'x'])), Hex(clone.GetCurrentDigest()));
    }

    [Fact]
    public void RlpxIngressMacVectorFromEip8()
    {
        // ingress-mac = keccak256.init((mac-secret ^ nonce_B) || auth2 bytes).update("foo").digest
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Devp2p.Tests.Shared.RepoPaths.Vector("rlpx_eip8.json")));
        var root = doc.RootElement;
        byte[] FromHex(string s) => Convert.FromHexString(s);
        var macSecret = FromHex(root.GetProperty("derived_secrets_auth2_ack2_at_B").GetProperty("mac_secret").GetString()!);
        var nonceB = FromHex(root.GetProperty("keys").GetProperty("nonce_B").GetString()!);
        var auth2 = FromHex(root.GetProperty("messages").GetProperty("auth2_eip8_v4").GetProperty("hex").GetString()!);
        var expected = root.GetProperty("derived_secrets_auth2_ack2_at_B").GetProperty("ingress_mac_foo").GetString();

        var mac = new Keccak256Hasher();
        var xored = new byte[32];
        for (int i = 0; i < 32; i++)
            xored[i] = (byte)(macSecret[i] ^ nonceB[i]);
        mac.Update(xored);
        mac.Update(auth2);
        mac.Update(Encoding.ASCII.GetBytes("foo"));
        Assert.Equal(expected, Hex(mac.GetCurrentDigest()));
    }

    [Fact]
    public void DoesNotAllocatePerHash()
    {
        var data = Pattern(1000);
        var output = new byte[32];
        var hasher = new Keccak256Hasher();
        Keccak256.Hash(data, output);
        hasher.Update(data);
        hasher.GetCurrentDigest(output);

        Assert.Equal(0, AllocationProbe.FewestBytes(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                Keccak256.Hash(data, output);
                hasher.Update(data.AsSpan(0, 77));
                hasher.GetCurrentDigest(output);
            }
        }));
    }
}
