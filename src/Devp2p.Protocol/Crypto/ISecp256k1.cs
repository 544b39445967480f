namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The secp256k1 operations devp2p needs, behind one contract so the native library
/// (<see cref="NativeSecp256k1"/>) and the managed fallback (<see cref="ManagedSecp256k1"/>)
/// are interchangeable and give byte-identical results. Get the process-wide choice from
/// <see cref="Secp256k1.Default"/>. Implementations are thread-safe.
/// </summary>
/// <remarks>
/// Public keys are accepted in any of the three <see cref="PublicKeyFormat"/> encodings
/// (33, 64 or 65 bytes) and written in the encoding whose length the output span has.
/// Bad input throws <see cref="CryptoException"/>; an output span of a length no encoding has
/// throws <see cref="ArgumentException"/>. Nothing here can abort the process.
/// </remarks>
public interface ISecp256k1
{
    /// <summary>"native" or "managed": the value <see cref="Secp256k1.EnvironmentVariable"/> takes to pick it.</summary>
    string Name { get; }

    /// <summary>True when <paramref name="privateKey"/> is 32 bytes and a scalar in [1, n-1].</summary>
    bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey);

    /// <summary>Derives the public key of <paramref name="privateKey"/> into <paramref name="publicKey"/> (33, 64 or 65 bytes).</summary>
    void CreatePublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>True when <paramref name="publicKey"/> is a well-formed encoding of a point on the curve.</summary>
    bool IsValidPublicKey(ReadOnlySpan<byte> publicKey);

    /// <summary>Checks <paramref name="publicKey"/> and re-encodes it in the format of <paramref name="output"/>'s length.</summary>
    void ConvertPublicKey(ReadOnlySpan<byte> publicKey, Span<byte> output);

    /// <summary>
    /// Elliptic-curve Diffie-Hellman as devp2p does it: the raw 32-byte x-coordinate of
    /// <paramref name="privateKey"/>·<paramref name="publicKey"/>, not hashed (libsecp256k1's
    /// default would return SHA-256 of the compressed point, which RLPx/ECIES do not use).
    /// </summary>
    void Ecdh(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, Span<byte> sharedX);

    /// <summary>
    /// Signs the 32-byte <paramref name="hash"/> into 65 bytes r ‖ s ‖ v: v is the recovery id 0..3,
    /// s is low (≤ n/2), the nonce is RFC 6979 (HMAC-SHA256), so signatures are deterministic
    /// and identical across backends.
    /// </summary>
    void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash, Span<byte> signature);

    /// <summary>
    /// Recovers the signer's public key from a 65-byte r ‖ s ‖ v signature over <paramref name="hash"/>,
    /// written as 33, 64 or 65 bytes. Accepts high s, as go-ethereum's <c>crypto.Ecrecover</c> does.
    /// </summary>
    void RecoverPublicKey(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, Span<byte> publicKey);

    /// <summary>
    /// Verifies a 64-byte r ‖ s (or 65-byte r ‖ s ‖ v, v ignored) signature. High-s signatures are
    /// rejected, as by libsecp256k1 and go-ethereum's <c>crypto.VerifySignature</c>. Returns false for
    /// any signature that does not verify, including out-of-range r or s; throws only for a bad hash
    /// or public key.
    /// </summary>
    bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, ReadOnlySpan<byte> publicKey);
}
