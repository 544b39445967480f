using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>The running hash under a <see cref="FrameMac"/> (keccak in production; tests substitute go-ethereum's fake).</summary>
internal interface IFrameMacHash
{
    void Update(ReadOnlySpan<byte> data);

    /// <summary>The current 32-byte digest, without finalising; the same until the next <see cref="Update"/> (<see cref="FrameMac"/> relies on it).</summary>
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
/// <para>
/// Each MAC ends by reading the digest, and nothing is absorbed between a frame MAC and the next
/// header MAC, so the header's "digest before" is the MAC just produced: it is kept here and the
/// header skips one Keccak permutation (of four per frame). The AES block is AES-NI where the CPU
/// has it (<see cref="AesBlockCipher.Create"/>), expanded once per connection.
/// </para>
/// </summary>
public sealed class FrameMac : IDisposable
{
    /// <summary>Bytes of a header or frame MAC on the wire.</summary>
    public const int Length = 16;

    private readonly AesBlockCipher _aes;
    private readonly IFrameMacHash _hash;
    private MacBlock _lastMac;      // digest[..16] of the hash's current state, when _lastMacCurrent
    private bool _lastMacCurrent;   // false until the first MAC: the seeded state's digest is not known yet

    /// <param name="macSecret">The 32-byte mac-secret.</param>
    /// <param name="state">The seeded egress or ingress keccak state; this object takes it over (nothing else may update it: the last MAC is cached as its digest).</param>
    public FrameMac(ReadOnlySpan<byte> macSecret, Keccak256Hasher state)
        : this(macSecret, new KeccakFrameMacHash(state))
    {
    }

    internal FrameMac(ReadOnlySpan<byte> macSecret, IFrameMacHash hash, bool allowHardwareAes = true)
    {
        _aes = AesBlockCipher.Create(macSecret, allowHardwareAes);
        _hash = hash;
    }

    /// <summary>Updates the state with the 16-byte header ciphertext and writes its 16-byte MAC.</summary>
    public void ComputeHeader(ReadOnlySpan<byte> headerCiphertext, Span<byte> mac)
    {
        Span<byte> digest = stackalloc byte[32];
        if (_lastMacCurrent)
            ((ReadOnlySpan<byte>)_lastMac).CopyTo(digest);
        else
            _hash.Digest(digest);
        Compute(digest, headerCiphertext, mac);
    }

    /// <summary>Absorbs the frame body ciphertext, updates the state and writes the 16-byte frame MAC.</summary>
    public void ComputeFrame(ReadOnlySpan<byte> bodyCiphertext, Span<byte> mac)
    {
        Span<byte> digest = stackalloc byte[32];
        _lastMacCurrent = false;
        _hash.Update(bodyCiphertext);
        _hash.Digest(digest);
        Compute(digest, digest[..16], mac);
    }

    /// <summary>keccak.update(AES(digest[..16]) ⊕ seed); mac = digest[..16]. <paramref name="seed"/> may alias <paramref name="digest"/>.</summary>
    private void Compute(Span<byte> digest, ReadOnlySpan<byte> seed, Span<byte> mac)
    {
        Span<byte> block = stackalloc byte[16];
        _aes.EncryptBlock(digest[..16], block);
        AesCtr.Xor(block, seed, block);
        _lastMacCurrent = false;
        _hash.Update(block);
        _hash.Digest(digest);
        digest[..Length].CopyTo(mac);
        digest[..Length].CopyTo(_lastMac);
        _lastMacCurrent = true;
    }

    public void Dispose() => _aes.Dispose();

    [System.Runtime.CompilerServices.InlineArray(Length)]
    private struct MacBlock
    {
        private byte _byte0;
    }
}
