namespace Devp2p.Fuzzing;

/// <summary>
/// Derives the seed of one case from the run seed, the target name and the case index, so any
/// case replays on its own (<c>devp2p fuzz --target T --seed S --replay I</c>) without running
/// the cases before it. SplitMix64 mixing: neighbouring indexes give unrelated streams.
/// </summary>
public static class FuzzSeed
{
    /// <summary>The seed used when none is given: fixed, so the CI quick pass is reproducible.</summary>
    public const ulong Default = 0x5EED_D3F2_0000_0009;

    public static ulong ForCase(ulong runSeed, string targetName, long caseIndex)
    {
        ulong name = 14695981039346656037UL;
        foreach (char c in targetName)
            name = (name ^ c) * 1099511628211UL;
        return Mix(Mix(runSeed ^ name) + (ulong)caseIndex * 0x9E3779B97F4A7C15UL);
    }

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
