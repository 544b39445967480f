namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Counts IPs per subnet and refuses one more than the limit (go-ethereum's
/// <c>netutil.DistinctNetSet</c>). The subnet is the first <c>prefixBits</c> bits of the
/// address; IPv4-mapped IPv6 addresses count as IPv4.
/// </summary>
internal sealed class SubnetCounter
{
    private readonly Dictionary<UInt128, int> _counts = [];
    private readonly int _prefixBits;
    private readonly int _limit;

    public SubnetCounter(int prefixBits, int limit)
    {
        _prefixBits = prefixBits;
        _limit = limit;
    }

    /// <summary>Counts <paramref name="ip"/> unless its subnet is at the limit; false (and no change) when it is.</summary>
    public bool TryAdd(ReadOnlySpan<byte> ip)
    {
        var key = Key(ip);
        _counts.TryGetValue(key, out int count);
        if (count >= _limit)
            return false;
        _counts[key] = count + 1;
        return true;
    }

    /// <summary>Forgets one IP of <paramref name="ip"/>'s subnet.</summary>
    public void Remove(ReadOnlySpan<byte> ip)
    {
        var key = Key(ip);
        if (!_counts.TryGetValue(key, out int count))
            return;
        if (count <= 1)
            _counts.Remove(key);
        else
            _counts[key] = count - 1;
    }

    /// <summary>How many counted IPs share <paramref name="ip"/>'s subnet.</summary>
    public int CountOf(ReadOnlySpan<byte> ip) => _counts.GetValueOrDefault(Key(ip));

    private UInt128 Key(ReadOnlySpan<byte> ip)
    {
        ip = IpNetworks.Fold(ip);
        Span<byte> masked = stackalloc byte[16];
        int bits = Math.Min(_prefixBits, ip.Length * 8);
        for (int i = 0; i < ip.Length && i * 8 < bits; i++)
        {
            int keep = Math.Min(8, bits - i * 8);
            masked[i] = (byte)(ip[i] & (0xff << (8 - keep)));
        }
        // The family (length) is part of the key so 1.2.3.0/24 and 0102:03../24 never collide.
        masked[15] = (byte)ip.Length;
        return new UInt128(
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(masked),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(masked[8..]));
    }
}
