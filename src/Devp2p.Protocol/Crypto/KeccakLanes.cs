using System.Runtime.CompilerServices;

namespace Devp2p.Protocol.Crypto;

/// <summary>The 25 64-bit lanes of a Keccak-f[1600] state, stored inline (no heap array).</summary>
[InlineArray(25)]
internal struct KeccakLanes
{
    private ulong _lane0;
}

/// <summary>One sponge block (136 bytes) of not-yet-absorbed input, stored inline.</summary>
[InlineArray(KeccakF1600.Rate)]
internal struct KeccakBlock
{
    private byte _byte0;
}
