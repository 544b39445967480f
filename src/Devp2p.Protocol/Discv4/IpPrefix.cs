using System.Net;
using System.Net.Sockets;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// An address range in CIDR form (<c>10.0.0.0/8</c>, <c>fe80::/10</c>), matched against raw 4- or 16-byte IPs.
/// Used for the LAN/special-network tables and for a node's NetRestrict list.
/// </summary>
public readonly struct IpPrefix
{
    private readonly byte[] _network;
    private readonly int _bits;

    private IpPrefix(byte[] network, int bits)
    {
        _network = network;
        _bits = bits;
    }

    /// <summary>Parses <c>address/bits</c>; <see cref="FormatException"/> names what is wrong.</summary>
    public static IpPrefix Parse(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        int slash = cidr.IndexOf('/');
        if (slash < 0)
            throw new FormatException($"'{cidr}' is not CIDR notation (address/bits)");
        if (!IPAddress.TryParse(cidr.AsSpan(0, slash), out var address))
            throw new FormatException($"'{cidr}': '{cidr[..slash]}' is not an IP address");
        var network = Canonical(address);
        if (!int.TryParse(cidr.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int bits)
            || bits > network.Length * 8)
            throw new FormatException($"'{cidr}': prefix length must be 0..{network.Length * 8}");
        return new IpPrefix(network, bits);
    }

    /// <summary>True when <paramref name="address"/> (IPv4-mapped IPv6 folded to IPv4) is in this range.</summary>
    public bool Contains(IPAddress address) => Contains(Canonical(address));

    public override string ToString() => $"{new IPAddress(_network)}/{_bits}";

    /// <summary>True when <paramref name="ip"/> has this prefix's length family and its first bits match.</summary>
    public bool Contains(ReadOnlySpan<byte> ip) => ip.Length == _network.Length && MatchesPrefix(ip, _network, _bits);

    /// <summary>True when the first <paramref name="bits"/> bits of <paramref name="a"/> and <paramref name="b"/> agree.</summary>
    public static bool MatchesPrefix(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int bits)
    {
        int whole = bits / 8;
        if (!a[..whole].SequenceEqual(b[..whole]))
            return false;
        int remaining = bits % 8;
        if (remaining == 0)
            return true;
        int mask = 0xff << (8 - remaining) & 0xff;
        return (a[whole] & mask) == (b[whole] & mask);
    }

    /// <summary>The address's bytes, IPv4-mapped IPv6 folded to 4 bytes (as go-ethereum's <c>To4</c>).</summary>
    public static byte[] Canonical(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.GetAddressBytes();
    }
}
