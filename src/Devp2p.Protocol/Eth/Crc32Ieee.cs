namespace Devp2p.Protocol.Eth;

/// <summary>
/// CRC-32 with the IEEE 802.3 polynomial (reflected 0xEDB88320), the checksum EIP-2124 fork ids
/// are built from. Ours, table driven, because System.IO.Hashing is not among the project's packages.
/// <see cref="Update"/> continues a finished checksum, so <c>Update(Compute(a), b) == Compute(a ‖ b)</c>.
/// </summary>
public static class Crc32Ieee
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The checksum of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Update(0, data);

    /// <summary>The checksum of the bytes <paramref name="crc"/> covered followed by <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data)
            c = Table[(c ^ b) & 0xff] ^ (c >> 8);
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
