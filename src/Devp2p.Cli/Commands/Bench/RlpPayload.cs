namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// Benchmark payloads: one RLP byte string of exactly the requested total size (header included),
/// filled with random bytes so snappy finds nothing to compress (the worst case, and what encrypted
/// or hashed data looks like).
/// </summary>
internal static class RlpPayload
{
    public static byte[] OfTotalLength(int size, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        int header = HeaderLength(size);
        var payload = new byte[size];
        int content = size - header;
        if (content == 1)
        {
            // A single byte below 0x80 is its own encoding; keep the declared single-byte header form valid instead.
            payload[0] = 0x81;
            payload[1] = 0x80;
            return payload;
        }
        if (header == 1)
        {
            payload[0] = (byte)(0x80 + content);
        }
        else
        {
            int lengthBytes = header - 1;
            payload[0] = (byte)(0xb7 + lengthBytes);
            for (int i = 0; i < lengthBytes; i++)
                payload[header - 1 - i] = (byte)(content >> (8 * i));
        }
        (random ?? Random.Shared).NextBytes(payload.AsSpan(header));
        return payload;
    }

    // The header length h for which h + content = size with content encoded under h.
    private static int HeaderLength(int size)
    {
        if (size - 1 <= 55)
            return 1;
        for (int lengthBytes = 1; lengthBytes <= 4; lengthBytes++)
        {
            long content = size - 1 - lengthBytes;
            if (content < (1L << (8 * lengthBytes)) && content > 55)
                return 1 + lengthBytes;
        }
        throw new ArgumentOutOfRangeException(nameof(size), size, "too large for one RLP string");
    }
}
