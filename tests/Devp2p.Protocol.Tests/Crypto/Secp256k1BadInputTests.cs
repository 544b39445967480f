using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Tests.Crypto;

/// <summary>Every kind of bad input gives a typed exception (or false), the same on both backends, never a crash.</summary>
public class Secp256k1BadInputTests
{
    private static readonly byte[] Key = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    private static readonly byte[] Hash = Keccak256.Hash("devp2p"u8);
    private const string OrderHex = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";
    private const string PrimeHex = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";

    private static byte[] H(string hex) => Convert.FromHexString(hex);

    public static TheoryData<string, string> BadPrivateKeys => new()
    {
        { "0000000000000000000000000000000000000000000000000000000000000000", "zero" },
        { OrderHex, "not below" },
        { "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364142", "not below" },
        { "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "not below" },
        { "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f2", "32 bytes" },
        { "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f29100", "32 bytes" },
        { "", "32 bytes" },
    };

    [Theory, ManagedBackend, NativeBackend]
    public void BadPrivateKeysAreRejectedEverywhere(string backend)
    {
        var secp = Backends.Get(backend);
        var pub = secp.CreatePublicKey(Key);
        foreach (var row in BadPrivateKeys)
        {
            var key = H((string)row[0]);
            var expected = (string)row[1];
            Assert.False(secp.IsValidPrivateKey(key));
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.CreatePublicKey(key)).Message);
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.Ecdh(key, pub)).Message);
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.Sign(key, Hash)).Message);
        }
        Assert.True(secp.IsValidPrivateKey(H("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")));
        Assert.True(secp.IsValidPrivateKey(H("0000000000000000000000000000000000000000000000000000000000000001")));
    }

    public static TheoryData<string, string> BadPublicKeys()
    {
        var raw = "ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd31387574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f";
        var x = raw[..64];
        var offCurve = raw[..^2] + "80";                                  // y changed: not on the curve
        return new TheoryData<string, string>
        {
            { "", "got 0" },
            { x, "got 32" },
            { raw[..^2], "got 63" },
            { "04" + raw + "00", "got 66" },
            { "05" + raw, "must start with 0x04" },
            { "06" + raw, "must start with 0x04" },                          // hybrid: libsecp256k1 would take it, geth does not
            { "07" + raw, "must start with 0x04" },
            { "04" + x, "must start with 0x02 or 0x03" },
            { "00" + x, "must start with 0x02 or 0x03" },
            { offCurve, "not a point" },
            { "04" + offCurve, "not a point" },
            { PrimeHex + raw[64..], "not a point" },                         // x = p
            { "02" + PrimeHex, "not a point" },
            { "02" + new string('f', 64), "not a point" },                  // x > p
            { "02" + "05".PadLeft(64, '0'), "not a point" },                // x³+7 has no square root
            { new string('0', 128), "not a point" },
        };
    }

    [Theory, ManagedBackend, NativeBackend]
    public void BadPublicKeysAreRejectedEverywhere(string backend)
    {
        var secp = Backends.Get(backend);
        foreach (var row in BadPublicKeys())
        {
            var pub = H((string)row[0]);
            var expected = (string)row[1];
            Assert.False(secp.IsValidPublicKey(pub));
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.ConvertPublicKey(pub, PublicKeyFormat.Raw64)).Message);
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.Ecdh(Key, pub)).Message);
            Assert.Contains(expected, Assert.Throws<CryptoException>(() => secp.Verify(new byte[64], Hash, pub)).Message);
        }
    }

    [Theory, ManagedBackend, NativeBackend]
    public void BadSignaturesAreRejectedOnRecover(string backend)
    {
        var secp = Backends.Get(backend);
        var good = secp.Sign(Key, Hash);
        var r = Convert.ToHexStringLower(good.AsSpan(0, 32));
        var s = Convert.ToHexStringLower(good.AsSpan(32, 32));
        var zero = new string('0', 64);

        var cases = new (string Signature, string Message)[]
        {
            (zero + s + "00", "r is zero"),
            (r + zero + "00", "s is zero"),
            (OrderHex + s + "00", "r is not below"),
            (r + OrderHex + "00", "s is not below"),
            (new string('f', 64) + s + "01", "r is not below"),
            (r + s + "04", "recovery id 4"),
            (r + s + "1b", "recovery id 27"),
            (r + s, "65 bytes"),
            (r + s + "0000", "65 bytes"),
            ("05".PadLeft(64, '0') + s + "00", "does not recover"),          // no curve point has x = 5
            (r + s + "02", "does not recover"),                              // x = r + n is not below p
        };
        foreach (var (signature, message) in cases)
        {
            var sig = H(signature);
            var e = Assert.Throws<CryptoException>(() => secp.RecoverPublicKey(sig, Hash));
            Assert.Contains(message, e.Message);
        }

        var pub = secp.CreatePublicKey(Key);
        foreach (var rs in new[] { zero + s, r + zero, OrderHex + s, r + OrderHex, r + s[..^2] })
            Assert.False(secp.Verify(H(rs), Hash, pub));
        Assert.True(secp.Verify(H(r + s), Hash, pub));

        Assert.Contains("32 bytes", Assert.Throws<CryptoException>(() => secp.RecoverPublicKey(good, Hash.AsSpan(1))).Message);
        Assert.Contains("32 bytes", Assert.Throws<CryptoException>(() => secp.Sign(Key, Hash.AsSpan(1))).Message);
        Assert.Contains("32 bytes", Assert.Throws<CryptoException>(() => secp.Verify(good, Hash.AsSpan(1), secp.CreatePublicKey(Key))).Message);
    }

    [Theory, ManagedBackend, NativeBackend]
    public void HighSRecoversLikeGethButDoesNotVerify(string backend)
    {
        // go-ethereum's crypto.Ecrecover/SigToPub accept high s (only v and the r/s range are checked);
        // crypto.VerifySignature and libsecp256k1's verify reject it as malleable.
        var secp = Backends.Get(backend);
        var pub = secp.CreatePublicKey(Key);
        var low = secp.Sign(Key, Hash);
        var high = (byte[])low.Clone();
        var n = System.Numerics.BigInteger.Parse("0" + OrderHex, System.Globalization.NumberStyles.HexNumber);
        var sLow = new System.Numerics.BigInteger(low.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        (n - sLow).TryWriteBytes(high.AsSpan(32, 32), out _, isUnsigned: true, isBigEndian: true);
        high[64] ^= 1;

        Assert.Equal(Convert.ToHexStringLower(pub), Convert.ToHexStringLower(secp.RecoverPublicKey(high, Hash)));
        Assert.True(secp.Verify(low, Hash, pub));
        Assert.False(secp.Verify(high, Hash, pub));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void WrongOutputSizesAreArgumentErrors(string backend)
    {
        var secp = Backends.Get(backend);
        var pub = secp.CreatePublicKey(Key);
        var sig = secp.Sign(Key, Hash);
        foreach (var size in new[] { 0, 32, 34, 63, 66 })
        {
            Assert.Throws<ArgumentException>(() => secp.CreatePublicKey(Key, new byte[size]));
            Assert.Throws<ArgumentException>(() => secp.ConvertPublicKey(pub, new byte[size]));
            Assert.Throws<ArgumentException>(() => secp.RecoverPublicKey(sig, Hash, new byte[size]));
        }
        Assert.Throws<ArgumentException>(() => secp.Ecdh(Key, pub, new byte[31]));
        Assert.Throws<ArgumentException>(() => secp.Sign(Key, Hash, new byte[64]));
    }
}
