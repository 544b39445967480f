namespace Devp2p.Fuzzing.Mutation;

/// <summary>
/// Damages a 65-byte r ‖ s ‖ v signature with the values that break recovery code: zero or
/// all-ones r and s (r, s = 0 or ≥ the group order), high s, and recovery ids outside 0..3.
/// </summary>
public static class SignatureMutator
{
    public static void Mutate(Span<byte> signature, FuzzCaseRandom random)
    {
        var r = signature[..32];
        var s = signature[32..64];
        switch (random.Next(6))
        {
            case 0: r.Clear(); break;
            case 1: s.Clear(); break;
            case 2: r.Fill(0xff); break;
            case 3: s.Fill(0xff); s[0] = 0x7f + 1; break;
            case 4: random.Random.NextBytes(signature[..64]); break;
            default: break;
        }
        if (random.Chance(1, 2))
            signature[64] = (byte)random.Next(256);
    }
}
