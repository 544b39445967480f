using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The Keccak-f[1600] permutation driving a sponge of rate 136 bytes (Keccak-256).
/// The 25 lanes live in locals for the whole absorb loop and two rounds are unrolled per
/// iteration (a → e, e → a), so the JIT keeps as many lanes in registers as it can and
/// never copies the state between rounds. Layout follows the Keccak team's naming:
/// lane <c>a{row}{column}</c> with rows b,g,k,m,s (y = 0..4) and columns a,e,i,o,u (x = 0..4).
/// </summary>
internal static class KeccakF1600
{
    /// <summary>Sponge rate for Keccak-256: 1600 - 2·256 bits = 136 bytes = 17 lanes.</summary>
    public const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Rol(ulong value, int offset) => BitOperations.RotateLeft(value, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Lane(ref byte block, int index)
    {
        var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref block, index * 8));
        return BitConverter.IsLittleEndian ? value : BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>
    /// XORs each whole 136-byte block of <paramref name="blocks"/> into the state and permutes
    /// after each one. <paramref name="blocks"/> length must be a multiple of <see cref="Rate"/>.
    /// </summary>
    public static void AbsorbBlocks(ref KeccakLanes state, ReadOnlySpan<byte> blocks) => AbsorbBlocks(in state, ref state, blocks);

    /// <summary>
    /// As <see cref="AbsorbBlocks(ref KeccakLanes, ReadOnlySpan{byte})"/>, reading the state from
    /// <paramref name="input"/> and writing the result to <paramref name="output"/> (which may be the
    /// same), so a digest of a running sponge needs no copy of its 200-byte state first.
    /// </summary>
    [SkipLocalsInit]
    public static void AbsorbBlocks(in KeccakLanes input, ref KeccakLanes output, ReadOnlySpan<byte> blocks)
    {
        if (blocks.Length % Rate != 0)
            throw new ArgumentException($"Keccak blocks must be a multiple of {Rate} bytes, got {blocks.Length}", nameof(blocks));

        ref ulong s = ref Unsafe.As<KeccakLanes, ulong>(ref Unsafe.AsRef(in input));
        ulong aba = s, abe = Unsafe.Add(ref s, 1), abi = Unsafe.Add(ref s, 2), abo = Unsafe.Add(ref s, 3), abu = Unsafe.Add(ref s, 4);
        ulong aga = Unsafe.Add(ref s, 5), age = Unsafe.Add(ref s, 6), agi = Unsafe.Add(ref s, 7), ago = Unsafe.Add(ref s, 8), agu = Unsafe.Add(ref s, 9);
        ulong aka = Unsafe.Add(ref s, 10), ake = Unsafe.Add(ref s, 11), aki = Unsafe.Add(ref s, 12), ako = Unsafe.Add(ref s, 13), aku = Unsafe.Add(ref s, 14);
        ulong ama = Unsafe.Add(ref s, 15), ame = Unsafe.Add(ref s, 16), ami = Unsafe.Add(ref s, 17), amo = Unsafe.Add(ref s, 18), amu = Unsafe.Add(ref s, 19);
        ulong asa = Unsafe.Add(ref s, 20), ase = Unsafe.Add(ref s, 21), asi = Unsafe.Add(ref s, 22), aso = Unsafe.Add(ref s, 23), asu = Unsafe.Add(ref s, 24);
        ulong eba, ebe, ebi, ebo, ebu, ega, ege, egi, ego, egu, eka, eke, eki, eko, eku;
        ulong ema, eme, emi, emo, emu, esa, ese, esi, eso, esu;
        ulong b0, b1, b2, b3, b4, c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
        ReadOnlySpan<ulong> rc = RoundConstants;

        ref byte p = ref MemoryMarshal.GetReference(blocks);
        for (int offset = 0; offset < blocks.Length; offset += Rate)
        {
            ref byte block = ref Unsafe.Add(ref p, offset);
            aba ^= Lane(ref block, 0); abe ^= Lane(ref block, 1); abi ^= Lane(ref block, 2); abo ^= Lane(ref block, 3); abu ^= Lane(ref block, 4);
            aga ^= Lane(ref block, 5); age ^= Lane(ref block, 6); agi ^= Lane(ref block, 7); ago ^= Lane(ref block, 8); agu ^= Lane(ref block, 9);
            aka ^= Lane(ref block, 10); ake ^= Lane(ref block, 11); aki ^= Lane(ref block, 12); ako ^= Lane(ref block, 13); aku ^= Lane(ref block, 14);
            ama ^= Lane(ref block, 15); ame ^= Lane(ref block, 16);

            for (int r = 0; r < 24; r += 2)
            {
                // round r: a -> e
                c0 = aba ^ aga ^ aka ^ ama ^ asa; c1 = abe ^ age ^ ake ^ ame ^ ase; c2 = abi ^ agi ^ aki ^ ami ^ asi;
                c3 = abo ^ ago ^ ako ^ amo ^ aso; c4 = abu ^ agu ^ aku ^ amu ^ asu;
                d0 = c4 ^ Rol(c1, 1); d1 = c0 ^ Rol(c2, 1); d2 = c1 ^ Rol(c3, 1); d3 = c2 ^ Rol(c4, 1); d4 = c3 ^ Rol(c0, 1);
                b0 = aba ^ d0; b1 = Rol(age ^ d1, 44); b2 = Rol(aki ^ d2, 43); b3 = Rol(amo ^ d3, 21); b4 = Rol(asu ^ d4, 14);
                eba = b0 ^ (~b1 & b2) ^ rc[r]; ebe = b1 ^ (~b2 & b3); ebi = b2 ^ (~b3 & b4); ebo = b3 ^ (~b4 & b0); ebu = b4 ^ (~b0 & b1);
                b0 = Rol(abo ^ d3, 28); b1 = Rol(agu ^ d4, 20); b2 = Rol(aka ^ d0, 3); b3 = Rol(ame ^ d1, 45); b4 = Rol(asi ^ d2, 61);
                ega = b0 ^ (~b1 & b2); ege = b1 ^ (~b2 & b3); egi = b2 ^ (~b3 & b4); ego = b3 ^ (~b4 & b0); egu = b4 ^ (~b0 & b1);
                b0 = Rol(abe ^ d1, 1); b1 = Rol(agi ^ d2, 6); b2 = Rol(ako ^ d3, 25); b3 = Rol(amu ^ d4, 8); b4 = Rol(asa ^ d0, 18);
                eka = b0 ^ (~b1 & b2); eke = b1 ^ (~b2 & b3); eki = b2 ^ (~b3 & b4); eko = b3 ^ (~b4 & b0); eku = b4 ^ (~b0 & b1);
                b0 = Rol(abu ^ d4, 27); b1 = Rol(aga ^ d0, 36); b2 = Rol(ake ^ d1, 10); b3 = Rol(ami ^ d2, 15); b4 = Rol(aso ^ d3, 56);
                ema = b0 ^ (~b1 & b2); eme = b1 ^ (~b2 & b3); emi = b2 ^ (~b3 & b4); emo = b3 ^ (~b4 & b0); emu = b4 ^ (~b0 & b1);
                b0 = Rol(abi ^ d2, 62); b1 = Rol(ago ^ d3, 55); b2 = Rol(aku ^ d4, 39); b3 = Rol(ama ^ d0, 41); b4 = Rol(ase ^ d1, 2);
                esa = b0 ^ (~b1 & b2); ese = b1 ^ (~b2 & b3); esi = b2 ^ (~b3 & b4); eso = b3 ^ (~b4 & b0); esu = b4 ^ (~b0 & b1);

                // round r + 1: e -> a
                c0 = eba ^ ega ^ eka ^ ema ^ esa; c1 = ebe ^ ege ^ eke ^ eme ^ ese; c2 = ebi ^ egi ^ eki ^ emi ^ esi;
                c3 = ebo ^ ego ^ eko ^ emo ^ eso; c4 = ebu ^ egu ^ eku ^ emu ^ esu;
                d0 = c4 ^ Rol(c1, 1); d1 = c0 ^ Rol(c2, 1); d2 = c1 ^ Rol(c3, 1); d3 = c2 ^ Rol(c4, 1); d4 = c3 ^ Rol(c0, 1);
                b0 = eba ^ d0; b1 = Rol(ege ^ d1, 44); b2 = Rol(eki ^ d2, 43); b3 = Rol(emo ^ d3, 21); b4 = Rol(esu ^ d4, 14);
                aba = b0 ^ (~b1 & b2) ^ rc[r + 1]; abe = b1 ^ (~b2 & b3); abi = b2 ^ (~b3 & b4); abo = b3 ^ (~b4 & b0); abu = b4 ^ (~b0 & b1);
                b0 = Rol(ebo ^ d3, 28); b1 = Rol(egu ^ d4, 20); b2 = Rol(eka ^ d0, 3); b3 = Rol(eme ^ d1, 45); b4 = Rol(esi ^ d2, 61);
                aga = b0 ^ (~b1 & b2); age = b1 ^ (~b2 & b3); agi = b2 ^ (~b3 & b4); ago = b3 ^ (~b4 & b0); agu = b4 ^ (~b0 & b1);
                b0 = Rol(ebe ^ d1, 1); b1 = Rol(egi ^ d2, 6); b2 = Rol(eko ^ d3, 25); b3 = Rol(emu ^ d4, 8); b4 = Rol(esa ^ d0, 18);
                aka = b0 ^ (~b1 & b2); ake = b1 ^ (~b2 & b3); aki = b2 ^ (~b3 & b4); ako = b3 ^ (~b4 & b0); aku = b4 ^ (~b0 & b1);
                b0 = Rol(ebu ^ d4, 27); b1 = Rol(ega ^ d0, 36); b2 = Rol(eke ^ d1, 10); b3 = Rol(emi ^ d2, 15); b4 = Rol(eso ^ d3, 56);
                ama = b0 ^ (~b1 & b2); ame = b1 ^ (~b2 & b3); ami = b2 ^ (~b3 & b4); amo = b3 ^ (~b4 & b0); amu = b4 ^ (~b0 & b1);
                b0 = Rol(ebi ^ d2, 62); b1 = Rol(ego ^ d3, 55); b2 = Rol(eku ^ d4, 39); b3 = Rol(ema ^ d0, 41); b4 = Rol(ese ^ d1, 2);
                asa = b0 ^ (~b1 & b2); ase = b1 ^ (~b2 & b3); asi = b2 ^ (~b3 & b4); aso = b3 ^ (~b4 & b0); asu = b4 ^ (~b0 & b1);
            }
        }

        ref ulong o = ref Unsafe.As<KeccakLanes, ulong>(ref output);
        o = aba; Unsafe.Add(ref o, 1) = abe; Unsafe.Add(ref o, 2) = abi; Unsafe.Add(ref o, 3) = abo; Unsafe.Add(ref o, 4) = abu;
        Unsafe.Add(ref o, 5) = aga; Unsafe.Add(ref o, 6) = age; Unsafe.Add(ref o, 7) = agi; Unsafe.Add(ref o, 8) = ago; Unsafe.Add(ref o, 9) = agu;
        Unsafe.Add(ref o, 10) = aka; Unsafe.Add(ref o, 11) = ake; Unsafe.Add(ref o, 12) = aki; Unsafe.Add(ref o, 13) = ako; Unsafe.Add(ref o, 14) = aku;
        Unsafe.Add(ref o, 15) = ama; Unsafe.Add(ref o, 16) = ame; Unsafe.Add(ref o, 17) = ami; Unsafe.Add(ref o, 18) = amo; Unsafe.Add(ref o, 19) = amu;
        Unsafe.Add(ref o, 20) = asa; Unsafe.Add(ref o, 21) = ase; Unsafe.Add(ref o, 22) = asi; Unsafe.Add(ref o, 23) = aso; Unsafe.Add(ref o, 24) = asu;
    }
}
