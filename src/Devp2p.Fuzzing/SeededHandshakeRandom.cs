using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing;

/// <summary>Handshake randomness from a seed, so sealed auth and ack packets replay byte for byte.</summary>
public sealed class SeededHandshakeRandom(int seed) : IHandshakeRandom
{
    private readonly Random _random = new(seed);

    public void FillEphemeralKey(Span<byte> privateKey)
    {
        Span<byte> seedBytes = stackalloc byte[32];
        _random.NextBytes(seedBytes);
        Keccak256.Hash(seedBytes, privateKey);
    }

    public void FillNonce(Span<byte> nonce) => _random.NextBytes(nonce);

    public int NextPaddingLength() => _random.Next(HandshakeConstants.MinPadding, 200);

    public void FillBytes(Span<byte> data) => _random.NextBytes(data);
}
