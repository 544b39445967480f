using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// A node address in the <c>enode://&lt;128 hex&gt;@&lt;ip&gt;:&lt;tcp&gt;?discport=&lt;udp&gt;</c> form
/// that static-node lists, bootnode flags and <c>admin_addPeer</c> use. The host must be an
/// IP literal (IPv4, or IPv6 in brackets): name resolution belongs to the caller, not to
/// protocol code. Without <c>discport</c> the UDP port equals the TCP port;
/// <c>?discport=0</c> (a node with discovery off) is accepted. Like go-ethereum, a URL with
/// no host (<c>enode://&lt;id&gt;</c>) parses as an incomplete node with no address, and
/// the node id must be a valid secp256k1 point.
/// </summary>
public sealed record EnodeUrl(NodeId Id, IPAddress? Ip, int TcpPort, int UdpPort)
{
    private const string Scheme = "enode://";

    /// <summary>True when the URL carries no address (only the node id).</summary>
    public bool IsIncomplete => Ip is null;

    /// <summary>The TCP endpoint for RLPx, or null for an incomplete node.</summary>
    public IPEndPoint? TcpEndPoint => Ip is null ? null : new IPEndPoint(Ip, TcpPort);

    /// <summary>The UDP endpoint for discovery, or null for an incomplete node.</summary>
    public IPEndPoint? UdpEndPoint => Ip is null ? null : new IPEndPoint(Ip, UdpPort);

    /// <summary>Parses an enode URL; throws <see cref="EnodeFormatException"/> naming the bad part.</summary>
    public static EnodeUrl Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
            throw new EnodeFormatException("scheme", $"must start with \"{Scheme}\"");
        var rest = url.AsSpan(Scheme.Length);

        int at = rest.IndexOf('@');
        var idPart = at < 0 ? rest : rest[..at];
        var id = ParseId(idPart);
        if (at < 0)
        {
            if (idPart.Length != rest.Length)
                throw new EnodeFormatException("host", "missing '@' before the address");
            return new EnodeUrl(id, null, 0, 0);
        }

        var address = rest[(at + 1)..];
        ReadOnlySpan<char> query = default;
        int q = address.IndexOf('?');
        if (q >= 0)
        {
            query = address[(q + 1)..];
            address = address[..q];
        }

        var (ip, tcp) = ParseHostPort(address);
        int udp = ParseDiscPort(query) ?? tcp;
        return new EnodeUrl(id, ip, tcp, udp);
    }

    /// <summary>Parses an enode URL, returning false instead of throwing.</summary>
    public static bool TryParse(string? url, out EnodeUrl? result)
    {
        result = null;
        if (url is null) return false;
        try
        {
            result = Parse(url);
            return true;
        }
        catch (EnodeFormatException)
        {
            return false;
        }
    }

    /// <summary>Formats as go-ethereum does: IPv6 in brackets, IPv4-mapped IPv6 as IPv4, discport only when it differs from the TCP port.</summary>
    public override string ToString()
    {
        var text = Scheme + Id.ToHex();
        if (Ip is null) return text;
        var ip = Ip.IsIPv4MappedToIPv6 ? Ip.MapToIPv4() : Ip;
        var host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();
        text += $"@{host}:{TcpPort.ToString(CultureInfo.InvariantCulture)}";
        if (UdpPort != TcpPort)
            text += "?discport=" + UdpPort.ToString(CultureInfo.InvariantCulture);
        return text;
    }

    private static NodeId ParseId(ReadOnlySpan<char> hex)
    {
        if (hex.Length != NodeId.Length * 2)
            throw new EnodeFormatException("node id", $"must be {NodeId.Length * 2} hex digits, got {hex.Length}");
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                throw new EnodeFormatException("node id", $"'{c}' is not a hex digit");
        }
        var id = NodeId.FromHex(hex.ToString());
        if (!Crypto.Secp256k1.Default.IsValidPublicKey(id.Bytes))
            throw new EnodeFormatException("node id", "is not a point on the secp256k1 curve");
        return id;
    }

    private static (IPAddress Ip, int Port) ParseHostPort(ReadOnlySpan<char> address)
    {
        ReadOnlySpan<char> host, port;
        if (address.StartsWith("["))
        {
            int close = address.IndexOf(']');
            if (close < 0)
                throw new EnodeFormatException("host", "IPv6 address is missing its closing ']'");
            host = address[1..close];
            var after = address[(close + 1)..];
            if (!after.StartsWith(":"))
                throw new EnodeFormatException("port", "missing ':port' after the address");
            port = after[1..];
        }
        else
        {
            int colon = address.LastIndexOf(':');
            if (colon < 0)
                throw new EnodeFormatException("port", "missing ':port' after the address");
            host = address[..colon];
            port = address[(colon + 1)..];
            if (host.Contains(':'))
                throw new EnodeFormatException("host", "an IPv6 address must be written in brackets, e.g. [::1]:30303");
        }

        if (host.IsEmpty)
            throw new EnodeFormatException("host", "empty address");
        if (!IPAddress.TryParse(host, out var ip) || (ip.AddressFamily == AddressFamily.InterNetwork && !IsDottedQuad(host)))
            throw new EnodeFormatException("host", $"\"{host}\" is not an IP address (host names are not resolved here)");
        if (ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId != 0)
            throw new EnodeFormatException("host", "IPv6 zone indices are not allowed");
        return (ip, ParsePort(port, "port"));
    }

    private static int? ParseDiscPort(ReadOnlySpan<char> query)
    {
        int? udp = null;
        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            int eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (!key.SequenceEqual("discport")) continue;
            udp = ParsePort(eq < 0 ? default : pair[(eq + 1)..], "discport");
        }
        return udp;
    }

    private static int ParsePort(ReadOnlySpan<char> text, string part)
    {
        if (text.IsEmpty)
            throw new EnodeFormatException(part, "missing port number");
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
                throw new EnodeFormatException(part, $"\"{text}\" is not a port number");
        }
        if (text.Length > 5 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > 65535)
            throw new EnodeFormatException(part, $"{text} is out of range 0-65535");
        return port;
    }

    // IPAddress.TryParse accepts "1", "1.2" and hex forms for IPv4; an enode URL wants a dotted quad.
    private static bool IsDottedQuad(ReadOnlySpan<char> host)
    {
        int dots = 0;
        foreach (var c in host)
        {
            if (c == '.') dots++;
            else if (!char.IsAsciiDigit(c)) return false;
        }
        return dots == 3;
    }
}
