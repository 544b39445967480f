using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>The running hash under a <see cref="FrameMac"/> (keccak in production; tests substitute go-ethereum's fake).</summary>
internal interface IFrameMacHash
{
    void Update(ReadOnlySpan<byte> data);

    /// <summary>The current 32-byte digest, without finalising.</summary>
    void Digest(Span<byte> output);
}

internal sealed class KeccakFrameMacHash(Keccak256Hasher hasher) : IFrameMacHash
{
    public void Update(ReadOnlySpan<byte> data) => hasher.Update(data);

    public void Digest(Span<byte> output) => hasher.GetCurrentDigest(output);
}

/// <summary>
/// One direction's frame MAC (go-ethereum's <c>hashMAC</c>). Both header and frame MACs are
/// <c>keccak.update(AES-256-ECB(mac-secret, digest[..16]) ⊕ seed); mac = digest[..16]</c>,
/// where for a header the seed is the 16-byte header ciphertext and the digest is taken
/// before it; for a frame the body ciphertext is absorbed first and the seed is the
/// resulting digest[..16]. No allocation per call.
/// </summary>
public sealed class FrameMac : IDisposable
{
    /// <summary>Bytes of a header or frame MAC on the wire.</summary>
    public const int Length = 16;

    private readonly AesEcb _aes;
    private readonly IFrameMacHash _hash;
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _block = new byte[16];

    /// <param name="macSecret">The 32-byte mac-secret.</param>
    /// <param name="state">The seeded egress or ingress keccak state; this object takes it over.</param>
    public FrameMac(ReadOnlySpan<byte> macSecret, Keccak256Hasher state)
        : this(macSecret, new KeccakFrameMacHash(state))
    {
    }

    internal FrameMac(ReadOnlySpan<byte> macSecret, IFrameMacHash hash)
    {
        _aes = new AesEcb(macSecret);
        _hash = hash;
    }

    /// <summary>Updates the state with the 16-byte header ciphertext and writes its 16-byte MAC.</summary>
    public void ComputeHeader(ReadOnlySpan<byte> headerCiphertext, Span<byte> mac)
    {
        _hash.Digest(_digest);
        Compute(headerCiphertext, mac);
    }

    /// <summary>Absorbs the frame body ciphertext, updates the state and writes the 16-byte frame MAC.</summary>
    public void ComputeFrame(ReadOnlySpan<byte> bodyCiphertext, Span<byte> mac)
    {
        _hash.Update(bodyCiphertext);
        _hash.Digest(_digest);
        Compute(_digest.AsSpan(0, 16), mac);
    }

    private void Compute(ReadOnlySpan<byte> seed, Span<byte> mac)
    {
        _aes.Encrypt(_digest, 0, 16, _block, 0);
        AesCtr.Xor(_block, seed, _block);
        _hash.Update(_block);
        _hash.Digest(_digest);
        _digest.AsSpan(0, Length).CopyTo(mac);
    }

    public void Dispose() => _aes.Dispose();
}
