using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Fuzzing;

/// <summary>
/// The randomness of one case: a <see cref="System.Random"/> for mutators and an FsCheck seed for
/// sampling structure-aware generators, both derived from the case seed alone.
/// </summary>
public sealed class FuzzCaseRandom
{
    private readonly ulong _seed;
    private ulong _samples;

    public FuzzCaseRandom(ulong caseSeed)
    {
        _seed = caseSeed;
        Random = new Random((int)(caseSeed ^ (caseSeed >> 32)));
    }

    public Random Random { get; }

    /// <summary>Draws one value from an FsCheck generator, deterministically for this case.</summary>
    public T Sample<T>(Gen<T> gen, int size = 24)
    {
        var rnd = new Rnd(_seed + 0x632BE59BD9B4E019UL * ++_samples);
        return gen.Sample(size, rnd, 1)[0];
    }

    public int Next(int maxExclusive) => Random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => Random.Next(minInclusive, maxExclusive);

    /// <summary>True with probability <paramref name="numerator"/>/<paramref name="denominator"/>.</summary>
    public bool Chance(int numerator, int denominator) => Random.Next(denominator) < numerator;

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        Random.NextBytes(bytes);
        return bytes;
    }
}
