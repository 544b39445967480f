namespace Devp2p.Protocol.Crypto;

/// <summary>
/// Ethereum's Keccak-256: the Keccak submission as it stood before FIPS 202, so padding
/// 0x01 rather than SHA3-256's 0x06 — .NET's <c>SHA3_256</c> gives different digests.
/// Used for node ids, ENR and discv4 signatures and the RLPx MACs. One-shot hashing never
/// allocates except in the array-returning overloads.
/// </summary>
public static class Keccak256
{
    /// <summary>Digest size in bytes.</summary>
    public const int HashSize = 32;

    /// <summary>Keccak-256 of the empty input (c5d24601…5d85a470).</summary>
    public static ReadOnlySpan<byte> EmptyHash =>
    [
        0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
        0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70,
    ];

    /// <summary>Hashes <paramref name="data"/> into the first 32 bytes of <paramref name="output"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        CheckOutput(output);
        KeccakLanes lanes = default;
        int whole = data.Length - data.Length % KeccakF1600.Rate;
        if (whole > 0)
            KeccakF1600.AbsorbBlocks(ref lanes, data[..whole]);
        KeccakSponge.Finish(in lanes, data[whole..], output);
    }

    /// <summary>Hashes <paramref name="data"/> into a new 32-byte array.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[HashSize];
        Hash(data, output);
        return output;
    }

    /// <summary>Hashes the concatenation <paramref name="first"/> ‖ <paramref name="second"/> without building it.</summary>
    /// <remarks>Named apart from <see cref="Hash(ReadOnlySpan{byte}, Span{byte})"/> so a span argument can never be mistaken for the output.</remarks>
    public static void HashConcat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> output)
    {
        CheckOutput(output);
        KeccakSponge sponge = default;
        sponge.Absorb(first);
        sponge.Absorb(second);
        sponge.Digest(output);
    }

    /// <summary>Hashes the concatenation <paramref name="first"/> ‖ <paramref name="second"/> into a new array.</summary>
    public static byte[] HashConcat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var output = new byte[HashSize];
        HashConcat(first, second, output);
        return output;
    }

    internal static void CheckOutput(Span<byte> output)
    {
        if (output.Length < HashSize)
            throw new ArgumentException($"Keccak-256 output needs {HashSize} bytes, got {output.Length}", nameof(output));
    }
}
