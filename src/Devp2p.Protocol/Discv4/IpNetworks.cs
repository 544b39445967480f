using System.Net;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Classifies IPs the way go-ethereum's <c>p2p/netutil</c> does: loopback, LAN (private and
/// link-local ranges), and special-purpose ranges that are never valid node addresses
/// (documentation, benchmarking, broadcast, multicast, ...). Works on raw 4- or 16-byte IPs;
/// an IPv4-mapped IPv6 address counts as IPv4.
/// </summary>
public static class IpNetworks
{
    private static readonly IpPrefix[] Lan4 =
    [
        IpPrefix.Parse("0.0.0.0/8"), // "this" network
        IpPrefix.Parse("10.0.0.0/8"), // RFC 1918
        IpPrefix.Parse("172.16.0.0/12"), // RFC 1918
        IpPrefix.Parse("192.168.0.0/16"), // RFC 1918
        IpPrefix.Parse("169.254.0.0/16"), // link-local (RFC 3927)
    ];

    private static readonly IpPrefix[] Lan6 =
    [
        IpPrefix.Parse("fe80::/10"), // link-local
        IpPrefix.Parse("fc00::/7"), // unique-local
    ];

    private static readonly IpPrefix[] Special4 =
    [
        IpPrefix.Parse("192.0.0.0/29"), IpPrefix.Parse("192.0.0.9/32"), IpPrefix.Parse("192.0.0.170/32"),
        IpPrefix.Parse("192.0.0.171/32"), IpPrefix.Parse("192.0.2.0/24"), IpPrefix.Parse("192.31.196.0/24"),
        IpPrefix.Parse("192.52.193.0/24"), IpPrefix.Parse("192.88.99.0/24"), IpPrefix.Parse("192.175.48.0/24"),
        IpPrefix.Parse("198.18.0.0/15"), IpPrefix.Parse("198.51.100.0/24"), IpPrefix.Parse("203.0.113.0/24"),
        IpPrefix.Parse("255.255.255.255/32"),
    ];

    private static readonly IpPrefix[] Special6 =
    [
        IpPrefix.Parse("100::/64"), IpPrefix.Parse("2001::/32"), IpPrefix.Parse("2001:1::1/128"),
        IpPrefix.Parse("2001:2::/48"), IpPrefix.Parse("2001:3::/32"), IpPrefix.Parse("2001:4:112::/48"),
        IpPrefix.Parse("2001:5::/32"), IpPrefix.Parse("2001:10::/28"), IpPrefix.Parse("2001:20::/28"),
        IpPrefix.Parse("2001:db8::/32"), IpPrefix.Parse("2002::/16"),
    ];

    private static readonly IpPrefix Loopback4 = IpPrefix.Parse("127.0.0.0/8");
    private static readonly IpPrefix Multicast4 = IpPrefix.Parse("224.0.0.0/4");
    private static readonly IpPrefix Multicast6 = IpPrefix.Parse("ff00::/8");

    public static bool IsLoopback(IPAddress address) => IsLoopback(IpPrefix.Canonical(address));

    public static bool IsLan(IPAddress address) => IsLan(IpPrefix.Canonical(address));

    public static bool IsSpecialNetwork(IPAddress address) => IsSpecialNetwork(IpPrefix.Canonical(address));

    /// <summary>127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(ReadOnlySpan<byte> ip)
    {
        ip = Fold(ip);
        return ip.Length == 4 ? Loopback4.Contains(ip) : ip.SequenceEqual(IPAddress.IPv6Loopback.GetAddressBytes());
    }

    /// <summary>Loopback, RFC 1918, 0.0.0.0/8, IPv4 link-local, or IPv6 link-local/unique-local: a local network address.</summary>
    public static bool IsLan(ReadOnlySpan<byte> ip)
    {
        ip = Fold(ip);
        return IsLoopback(ip) || Any(ip.Length == 4 ? Lan4 : Lan6, ip);
    }

    /// <summary>Multicast, broadcast, documentation and other special-purpose ranges (IANA special registries).</summary>
    public static bool IsSpecialNetwork(ReadOnlySpan<byte> ip)
    {
        ip = Fold(ip);
        if (ip.Length == 4)
            return Multicast4.Contains(ip) || Any(Special4, ip);
        return Multicast6.Contains(ip) || Any(Special6, ip);
    }

    /// <summary>0.0.0.0 or ::.</summary>
    public static bool IsUnspecified(ReadOnlySpan<byte> ip)
    {
        ip = Fold(ip);
        return ip.IndexOfAnyExcept((byte)0) < 0;
    }

    /// <summary>An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its 4 IPv4 bytes; anything else unchanged.</summary>
    internal static ReadOnlySpan<byte> Fold(ReadOnlySpan<byte> ip)
    {
        if (ip.Length == 16 && ip[..10].IndexOfAnyExcept((byte)0) < 0 && ip[10] == 0xff && ip[11] == 0xff)
            return ip[12..];
        return ip;
    }

    private static bool Any(IpPrefix[] prefixes, ReadOnlySpan<byte> ip)
    {
        foreach (var prefix in prefixes)
        {
            if (prefix.Contains(ip))
                return true;
        }
        return false;
    }
}
