using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Tests.Crypto;

/// <summary>Native and managed must agree byte for byte on random keys and hashes.</summary>
public class Secp256k1CrossCheckTests
{
    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    [NativeFact]
    public void BackendsAgreeOnRandomInputs()
    {
        ISecp256k1 native = new NativeSecp256k1(), managed = new ManagedSecp256k1();
        var random = new Random(20240601);
        var recoveryIds = new HashSet<byte>();
        for (int i = 0; i < 200; i++)
        {
            var a = RandomKey(random);
            var b = RandomKey(random);
            var hash = new byte[32];
            random.NextBytes(hash);

            foreach (var format in new[] { PublicKeyFormat.Compressed, PublicKeyFormat.Raw64, PublicKeyFormat.Uncompressed })
                Assert.Equal(Hex(native.CreatePublicKey(a, format)), Hex(managed.CreatePublicKey(a, format)));
            var pubA = native.CreatePublicKey(a);
            var pubB = managed.CreatePublicKey(b, PublicKeyFormat.Compressed);

            var shared = native.Ecdh(a, pubB);
            Assert.Equal(Hex(shared), Hex(managed.Ecdh(a, pubB)));
            Assert.Equal(Hex(shared), Hex(managed.Ecdh(b, pubA)));

            var nativeSig = native.Sign(a, hash);
            var managedSig = managed.Sign(a, hash);
            Assert.Equal(Hex(nativeSig), Hex(managedSig));
            recoveryIds.Add(nativeSig[64]);

            Assert.Equal(Hex(pubA), Hex(managed.RecoverPublicKey(nativeSig, hash)));
            Assert.Equal(Hex(pubA), Hex(native.RecoverPublicKey(managedSig, hash)));
            Assert.True(native.Verify(managedSig, hash, pubA));
            Assert.True(managed.Verify(nativeSig, hash, pubA));
            Assert.False(managed.Verify(nativeSig, hash, pubB));
            Assert.False(native.Verify(nativeSig, hash, pubB));
        }
        Assert.Equal(new byte[] { 0, 1 }, recoveryIds.Order().ToArray());
    }

    [NativeFact]
    public void BackendsAgreeOnEdgeScalarsAndHashes()
    {
        ISecp256k1 native = new NativeSecp256k1(), managed = new ManagedSecp256k1();
        var keys = new[]
        {
            "0000000000000000000000000000000000000000000000000000000000000001",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140",   // n - 1
            "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0",   // n / 2
        };
        var hashes = new[]
        {
            new string('0', 64),
            new string('f', 64),                                                     // above n: reduced mod n for s and the nonce
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",   // exactly n
        };
        foreach (var keyHex in keys)
        {
            var key = Convert.FromHexString(keyHex);
            var pub = native.CreatePublicKey(key);
            Assert.Equal(Hex(pub), Hex(managed.CreatePublicKey(key)));
            foreach (var hashHex in hashes)
            {
                var hash = Convert.FromHexString(hashHex);
                var sig = native.Sign(key, hash);
                Assert.Equal(Hex(sig), Hex(managed.Sign(key, hash)));
                Assert.Equal(Hex(pub), Hex(managed.RecoverPublicKey(sig, hash)));
                Assert.Equal(Hex(pub), Hex(native.RecoverPublicKey(sig, hash)));
            }
        }
    }

    [NativeFact]
    public void NativeIsUsableFromManyThreads()
    {
        var native = new NativeSecp256k1();
        var key = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
        var expected = Hex(native.Sign(key, new byte[32]));
        Parallel.For(0, 400, i =>
        {
            Assert.Equal(expected, Hex(native.Sign(key, new byte[32])));
            Assert.Equal(Hex(native.CreatePublicKey(key)), Hex(native.RecoverPublicKey(native.Sign(key, new byte[32]), new byte[32])));
        });
    }

    private static byte[] RandomKey(Random random)
    {
        var key = new byte[32];
        do
            random.NextBytes(key);
        while (!new ManagedSecp256k1().IsValidPrivateKey(key));
        return key;
    }
}
