namespace Devp2p.Protocol.Crypto;

/// <summary>
/// Checks shared by both backends, done in managed code before either is called, so bad input
/// gets the same <see cref="CryptoException"/> message whichever backend runs, and libsecp256k1
/// is never handed an argument it would call its abort()-by-default callback on.
/// </summary>
internal static class Secp256k1Input
{
    public const int ScalarLength = 32;
    public const int SignatureLength = 65;
    public const int CompactSignatureLength = 64;

    /// <summary>The group order n, big-endian.</summary>
    public static ReadOnlySpan<byte> Order =>
    [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    /// <summary>⌊n/2⌋, big-endian: the largest "low" s.</summary>
    public static ReadOnlySpan<byte> HalfOrder =>
    [
        0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
    ];

    /// <summary>True for a 32-byte big-endian integer in [1, n-1].</summary>
    public static bool IsScalarInRange(ReadOnlySpan<byte> value) =>
        value.Length == ScalarLength && value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(Order) < 0;

    public static bool IsHighS(ReadOnlySpan<byte> s) => s.SequenceCompareTo(HalfOrder) > 0;

    public static void CheckPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != ScalarLength)
            throw new CryptoException($"private key must be {ScalarLength} bytes, got {privateKey.Length}");
        if (!privateKey.ContainsAnyExcept((byte)0))
            throw new CryptoException("private key is zero");
        if (privateKey.SequenceCompareTo(Order) >= 0)
            throw new CryptoException("private key is not below the secp256k1 group order n");
    }

    public static void CheckHash(ReadOnlySpan<byte> hash)
    {
        if (hash.Length != 32)
            throw new CryptoException($"message hash must be 32 bytes, got {hash.Length}");
    }

    /// <summary>The encoding an output span asks for, from its length.</summary>
    public static PublicKeyFormat OutputFormat(int length, string paramName) => length switch
    {
        33 => PublicKeyFormat.Compressed,
        64 => PublicKeyFormat.Raw64,
        65 => PublicKeyFormat.Uncompressed,
        _ => throw new ArgumentException(
            $"public key output must be 33 (compressed), 64 (x||y) or 65 (0x04||x||y) bytes, got {length}", paramName),
    };

    /// <summary>
    /// Checks the length and prefix of an encoded public key and returns it as SEC 1 (33 or 65
    /// bytes), using <paramref name="buffer65"/> to add the 0x04 a 64-byte key lacks. Hybrid
    /// prefixes 0x06/0x07, which libsecp256k1 would accept, are refused as go-ethereum does.
    /// Whether the point is on the curve is left to the backend.
    /// </summary>
    public static ReadOnlySpan<byte> ToSec1(ReadOnlySpan<byte> publicKey, Span<byte> buffer65)
    {
        switch (publicKey.Length)
        {
            case 64:
                buffer65[0] = 0x04;
                publicKey.CopyTo(buffer65[1..]);
                return buffer65[..65];
            case 65 when publicKey[0] == 0x04:
                return publicKey;
            case 65:
                throw new CryptoException($"65-byte public key must start with 0x04, got 0x{publicKey[0]:x2}");
            case 33 when publicKey[0] is 0x02 or 0x03:
                return publicKey;
            case 33:
                throw new CryptoException($"33-byte public key must start with 0x02 or 0x03, got 0x{publicKey[0]:x2}");
            default:
                throw new CryptoException(
                    $"public key must be 33 (compressed), 64 (x||y) or 65 (0x04||x||y) bytes, got {publicKey.Length}");
        }
    }

    public static CryptoException NotOnCurve() =>
        new("public key is not a point on secp256k1 (coordinate not below p, or not on the curve)");

    public static CryptoException NotRecoverable() =>
        new("signature does not recover to a public key for this hash");

    /// <summary>Checks a 65-byte r ‖ s ‖ v for recovery: v in 0..3, r and s in [1, n-1]; high s is allowed.</summary>
    public static void CheckRecoverableSignature(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
            throw new CryptoException($"recoverable signature must be {SignatureLength} bytes (r||s||v), got {signature.Length}");
        if (signature[64] > 3)
            throw new CryptoException($"recovery id {signature[64]} is out of range 0..3");
        CheckComponent(signature[..32], "r");
        CheckComponent(signature[32..64], "s");
    }

    private static void CheckComponent(ReadOnlySpan<byte> value, string name)
    {
        if (!value.ContainsAnyExcept((byte)0))
            throw new CryptoException($"signature {name} is zero");
        if (value.SequenceCompareTo(Order) >= 0)
            throw new CryptoException($"signature {name} is not below the secp256k1 group order n");
    }

    /// <summary>
    /// For <see cref="ISecp256k1.Verify"/>: the 64-byte r ‖ s of a 64- or 65-byte signature, or
    /// false when its length is wrong, r or s is out of range, or s is high.
    /// </summary>
    public static bool TryGetVerifiableRs(ReadOnlySpan<byte> signature, out ReadOnlySpan<byte> rs)
    {
        rs = default;
        if (signature.Length is not (CompactSignatureLength or SignatureLength))
            return false;
        var r = signature[..32];
        var s = signature[32..64];
        if (!IsScalarInRange(r) || !IsScalarInRange(s) || IsHighS(s))
            return false;
        rs = signature[..64];
        return true;
    }

    public static void CheckSignatureOutput(Span<byte> signature)
    {
        if (signature.Length != SignatureLength)
            throw new ArgumentException($"signature output must be {SignatureLength} bytes (r||s||v), got {signature.Length}", nameof(signature));
    }

    public static void CheckSharedSecretOutput(Span<byte> sharedX)
    {
        if (sharedX.Length != 32)
            throw new ArgumentException($"ECDH output must be 32 bytes, got {sharedX.Length}", nameof(sharedX));
    }
}
