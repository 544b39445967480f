using System.Net;
using System.Net.Sockets;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>How .NET values map to SQLite columns; one place so every table agrees.</summary>
internal static class SqliteValues
{
    /// <summary>The longest ENR text accepted: a record is at most 300 bytes, which is 404 characters as <c>enr:</c> + base64url.</summary>
    public const int MaxEnrTextLength = 512;

    /// <summary>
    /// Address bytes, 4 for IPv4 and 16 for IPv6. An IPv4-mapped IPv6 address is stored as the IPv4 it maps,
    /// so a proof made over a dual-stack socket is found again under the plain address.
    /// </summary>
    public static byte[] Ip(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        return ip.GetAddressBytes();
    }

    public static IPAddress Ip(byte[] bytes) => new(bytes);

    /// <summary>Unix milliseconds: the scheduler clock's precision is kept, sub-millisecond parts are dropped.</summary>
    public static long Time(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    /// <summary>Back to a UTC <see cref="DateTimeOffset"/>.</summary>
    public static DateTimeOffset Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs);

    /// <summary>SQLite integers are signed 64-bit; a ulong is stored bit for bit.</summary>
    public static long Seq(ulong seq) => unchecked((long)seq);

    public static ulong Seq(long stored) => unchecked((ulong)stored);

    public static int Port(int port, string name) =>
        port is >= 0 and <= ushort.MaxValue ? port : throw new ArgumentOutOfRangeException(name, port, "a port is 0..65535");

    public static string? Enr(string? enr) =>
        enr is null || enr.Length <= MaxEnrTextLength
            ? enr
            : throw new ArgumentException($"an ENR is at most {MaxEnrTextLength} characters of text, got {enr.Length}", nameof(enr));
}
