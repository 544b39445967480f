using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The randomness an RLPx handshake consumes, behind an interface so tests can replay the
/// published vectors (fixed ephemeral keys and nonces) and benchmarks can be deterministic.
/// Production code uses <see cref="HandshakeRandom.Secure"/>.
/// </summary>
public interface IHandshakeRandom
{
    /// <summary>Fills the 32-byte ephemeral private key of the handshake (must be a valid secp256k1 scalar).</summary>
    void FillEphemeralKey(Span<byte> privateKey);

    /// <summary>Fills the 32-byte auth or ack nonce.</summary>
    void FillNonce(Span<byte> nonce);

    /// <summary>How many padding bytes to append to an EIP-8 auth/ack (geth: 100–199).</summary>
    int NextPaddingLength();

    /// <summary>Fills anything else: ECIES ephemeral keys and IVs, padding bytes.</summary>
    void FillBytes(Span<byte> data);
}

/// <summary>The operating system's CSPRNG as an <see cref="IHandshakeRandom"/>, drawn through
/// <see cref="BufferedRandom"/> (one OpenSSL call every few handshakes instead of six per side).</summary>
public sealed class HandshakeRandom : IHandshakeRandom
{
    /// <summary>The shared instance (stateless, thread-safe).</summary>
    public static HandshakeRandom Secure { get; } = new();

    private HandshakeRandom()
    {
    }

    public void FillEphemeralKey(Span<byte> privateKey) => Secp256k1.GeneratePrivateKey(privateKey, BufferedRandom.Generator);

    public void FillNonce(Span<byte> nonce) => BufferedRandom.Fill(nonce);

    public int NextPaddingLength() => BufferedRandom.NextInt32(100, 200);

    public void FillBytes(Span<byte> data) => BufferedRandom.Fill(data);
}
