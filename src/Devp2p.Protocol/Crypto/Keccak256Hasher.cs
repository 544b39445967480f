namespace Devp2p.Protocol.Crypto;

/// <summary>
/// Incremental Keccak-256 whose digest can be read at any time without ending the stream.
/// RLPx keeps one of these per direction per connection as the frame MAC: every frame
/// updates it and reads it, so <see cref="Update"/> and <see cref="GetCurrentDigest(Span{byte})"/>
/// never allocate. Not thread-safe; one owner at a time.
/// </summary>
public sealed class Keccak256Hasher
{
    private KeccakSponge _sponge;

    /// <summary>Absorbs <paramref name="data"/>.</summary>
    public void Update(ReadOnlySpan<byte> data) => _sponge.Absorb(data);

    /// <summary>
    /// Writes the digest of everything absorbed so far into the first 32 bytes of
    /// <paramref name="output"/>. The running state is not finalised: later updates continue it.
    /// </summary>
    public void GetCurrentDigest(Span<byte> output)
    {
        Keccak256.CheckOutput(output);
        _sponge.Digest(output);
    }

    /// <summary>The digest of everything absorbed so far, as a new array.</summary>
    public byte[] GetCurrentDigest()
    {
        var output = new byte[Keccak256.HashSize];
        _sponge.Digest(output);
        return output;
    }

    /// <summary>Forgets all input, as if newly constructed.</summary>
    public void Reset() => _sponge.Reset();

    /// <summary>An independent hasher with the same absorbed input.</summary>
    public Keccak256Hasher Clone() => new() { _sponge = _sponge };
}
