using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// An <see cref="IHandshakeRandom"/> that returns the given ephemeral key and nonce (to replay
/// vectors) and deterministic pseudo-random bytes for everything else.
/// </summary>
internal sealed class ScriptedRandom(byte[]? ephemeralKey = null, byte[]? nonce = null, int padding = 150, int seed = 1) : IHandshakeRandom
{
    private readonly Random _rng = new(seed);

    public void FillEphemeralKey(Span<byte> privateKey)
    {
        if (ephemeralKey is null) HandshakeRandom.Secure.FillEphemeralKey(privateKey);
        else ephemeralKey.CopyTo(privateKey);
    }

    public void FillNonce(Span<byte> value)
    {
        if (nonce is null) _rng.NextBytes(value);
        else nonce.CopyTo(value);
    }

    public int NextPaddingLength() => padding;

    public void FillBytes(Span<byte> data) => _rng.NextBytes(data);
}
