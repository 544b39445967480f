using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// ECIES as devp2p's handshake uses it (go-ethereum crypto/ecies with its default secp256k1
/// parameters): a fresh ephemeral key R, z = ECDH(r, K<sub>B</sub>).x, NIST SP 800-56 concat
/// KDF with SHA-256 giving 32 bytes k<sub>E</sub> ‖ k<sub>M</sub>', AES-128-CTR under
/// k<sub>E</sub> with a random IV, and HMAC-SHA-256 keyed with SHA-256(k<sub>M</sub>') over
/// iv ‖ c ‖ shared-mac-data. Wire form: 0x04 ‖ R(64) ‖ iv(16) ‖ c ‖ tag(32).
/// EIP-8 passes the packet's 2-byte size prefix as shared-mac-data.
/// </summary>
public static class Ecies
{
    /// <summary>Bytes ECIES adds to a plaintext: 65 (R) + 16 (IV) + 32 (tag).</summary>
    public const int Overhead = 65 + 16 + 32;

    private const int IvLength = 16;
    private const int TagLength = 32;

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="remotePublicKey"/> into <paramref name="output"/> (plaintext length + <see cref="Overhead"/>).</summary>
    public static void Encrypt(
        ISecp256k1 secp, ReadOnlySpan<byte> remotePublicKey, ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> sharedMacData, IHandshakeRandom random, Span<byte> output)
    {
        if (output.Length != plaintext.Length + Overhead)
            throw new ArgumentException("ECIES output must be plaintext length + 113", nameof(output));

        Span<byte> ephemeral = stackalloc byte[32];
        do random.FillBytes(ephemeral);
        while (!secp.IsValidPrivateKey(ephemeral));

        Span<byte> z = stackalloc byte[32];
        secp.Ecdh(ephemeral, remotePublicKey, z);
        secp.CreatePublicKey(ephemeral, output[..65]);
        CryptographicOperations.ZeroMemory(ephemeral);

        Span<byte> encKey = stackalloc byte[16];
        Span<byte> macKey = stackalloc byte[32];
        DeriveKeys(z, encKey, macKey);

        var iv = output.Slice(65, IvLength);
        random.FillBytes(iv);
        var body = output.Slice(65 + IvLength, plaintext.Length);
        using (var ctr = new AesCtr(encKey, iv))
            ctr.Transform(plaintext, body);

        ComputeTag(macKey, output.Slice(65, IvLength + plaintext.Length), sharedMacData, output[^TagLength..]);
    }

    /// <summary>Encrypts into a new array.</summary>
    public static byte[] Encrypt(ISecp256k1 secp, ReadOnlySpan<byte> remotePublicKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> sharedMacData, IHandshakeRandom random)
    {
        var output = new byte[plaintext.Length + Overhead];
        Encrypt(secp, remotePublicKey, plaintext, sharedMacData, random, output);
        return output;
    }

    /// <summary>
    /// Checks the tag and decrypts. Any failure — too short, R not on the curve, tag mismatch — is
    /// <see cref="RlpxException"/> with <see cref="HandshakeFailure.DecryptFailed"/>; the tag is
    /// verified (in constant time) before anything is decrypted.
    /// </summary>
    public static byte[] Decrypt(ISecp256k1 secp, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> sharedMacData)
    {
        if (ciphertext.Length < Overhead)
            throw new RlpxException(HandshakeFailure.DecryptFailed, $"ECIES message of {ciphertext.Length} bytes is shorter than its {Overhead}-byte overhead");
        if (ciphertext[0] != 0x04)
            throw new RlpxException(HandshakeFailure.DecryptFailed, $"ECIES ephemeral key must be uncompressed (0x04), starts with 0x{ciphertext[0]:x2}");

        Span<byte> z = stackalloc byte[32];
        try
        {
            secp.Ecdh(privateKey, ciphertext[..65], z);
        }
        catch (CryptoException e)
        {
            throw new RlpxException(HandshakeFailure.DecryptFailed, "ECIES ephemeral key is not a point on secp256k1", e);
        }

        Span<byte> encKey = stackalloc byte[16];
        Span<byte> macKey = stackalloc byte[32];
        DeriveKeys(z, encKey, macKey);

        var ivAndBody = ciphertext[65..^TagLength];
        Span<byte> tag = stackalloc byte[TagLength];
        ComputeTag(macKey, ivAndBody, sharedMacData, tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, ciphertext[^TagLength..]))
            throw new RlpxException(HandshakeFailure.DecryptFailed, "ECIES tag mismatch (wrong key, or the message was altered)");

        var plaintext = new byte[ivAndBody.Length - IvLength];
        using (var ctr = new AesCtr(encKey, ivAndBody[..IvLength]))
            ctr.Transform(ivAndBody[IvLength..], plaintext);
        return plaintext;
    }

    /// <summary>
    /// Concat KDF (NIST SP 800-56A, SHA-256, empty other-info) of <paramref name="z"/> to 32 bytes:
    /// one block, SHA-256(00000001 ‖ z). k<sub>E</sub> is its first 16 bytes, k<sub>M</sub> SHA-256 of the last 16.
    /// </summary>
    internal static void DeriveKeys(ReadOnlySpan<byte> z, Span<byte> encKey, Span<byte> macKey)
    {
        Span<byte> input = stackalloc byte[4 + 32];
        BinaryPrimitives.WriteUInt32BigEndian(input, 1);
        z.CopyTo(input[4..]);
        Span<byte> k = stackalloc byte[32];
        SHA256.HashData(input, k);
        k[..16].CopyTo(encKey);
        SHA256.HashData(k[16..], macKey);
        CryptographicOperations.ZeroMemory(k);
    }

    /// <summary>HMAC-SHA-256 over iv ‖ c ‖ shared-mac-data, in one call (the data is a few hundred bytes).</summary>
    private static void ComputeTag(ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> ivAndBody, ReadOnlySpan<byte> sharedMacData, Span<byte> tag)
    {
        int length = ivAndBody.Length + sharedMacData.Length;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> input = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        ivAndBody.CopyTo(input);
        sharedMacData.CopyTo(input[ivAndBody.Length..]);
        HMACSHA256.HashData(macKey, input, tag);
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
    }
}
