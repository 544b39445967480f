using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// A node's address as discv4 carries it: <c>[ip, udp-port, tcp-port]</c> (Ping's from/to,
/// Pong's to), and the first three fields of a Neighbors node. The IP is kept as the bytes
/// received: 4 bytes for IPv4, 16 for IPv6; any other length decodes (as go-ethereum's
/// <c>net.IP</c> does) but has no <see cref="Address"/>, and the relay check
/// (<see cref="RelayIpCheck"/>) rejects it, so such a node never enters the table.
/// </summary>
public sealed class NodeEndpoint : IEquatable<NodeEndpoint>
{
    private readonly byte[] _ip;

    private NodeEndpoint(byte[] ip, ushort udpPort, ushort tcpPort)
    {
        _ip = ip;
        UdpPort = udpPort;
        TcpPort = tcpPort;
        Address = ip.Length is 4 or 16 ? new IPAddress(ip) : null;
    }

    /// <summary>
    /// An endpoint for <paramref name="address"/>. An IPv4-mapped IPv6 address is written as
    /// 4 bytes, as go-ethereum's <c>NewEndpoint</c> does; a scope id is dropped.
    /// </summary>
    public NodeEndpoint(IPAddress address, ushort udpPort, ushort tcpPort)
        : this(Normalize(address), udpPort, tcpPort)
    {
    }

    /// <summary>An endpoint with the IP exactly as given (any length; tests and re-encoding received data).</summary>
    public static NodeEndpoint FromRawIp(ReadOnlySpan<byte> ip, ushort udpPort, ushort tcpPort) => new(ip.ToArray(), udpPort, tcpPort);

    /// <summary>The IP, or null when the received IP was neither 4 nor 16 bytes.</summary>
    public IPAddress? Address { get; }

    /// <summary>The IP bytes as sent or received.</summary>
    public ReadOnlySpan<byte> IpBytes => _ip;

    /// <summary>The UDP (discovery) port.</summary>
    public ushort UdpPort { get; }

    /// <summary>The TCP (RLPx) port; 0 when the node does not listen.</summary>
    public ushort TcpPort { get; }

    /// <summary>The UDP address to send discovery packets to, or null without a valid IP.</summary>
    public IPEndPoint? UdpEndPoint => Address is null ? null : new IPEndPoint(Address, UdpPort);

    public override string ToString() =>
        $"{(Address is null ? "ip?" + Convert.ToHexStringLower(_ip) : Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{UdpPort}/tcp{TcpPort}";

    public bool Equals(NodeEndpoint? other) =>
        other is not null && UdpPort == other.UdpPort && TcpPort == other.TcpPort && _ip.AsSpan().SequenceEqual(other._ip);

    public override bool Equals(object? obj) => obj is NodeEndpoint other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_ip);
        hash.Add(UdpPort);
        hash.Add(TcpPort);
        return hash.ToHashCode();
    }

    /// <summary>RLP length of the three fields, without the list header.</summary>
    internal int ContentLength =>
        RlpCodec.LengthOfBytes(_ip) + RlpCodec.LengthOfUInt64(UdpPort) + RlpCodec.LengthOfUInt64(TcpPort);

    /// <summary>Writes the three fields (the caller writes the list header: a Neighbors node appends its id).</summary>
    internal void WriteFields(ref RlpWriter writer)
    {
        writer.WriteBytes(_ip);
        writer.WriteUInt64(UdpPort);
        writer.WriteUInt64(TcpPort);
    }

    /// <summary>Writes <c>[ip, udp, tcp]</c>.</summary>
    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        WriteFields(ref writer);
    }

    internal int EncodedLength => RlpCodec.LengthOfList(ContentLength);

    /// <summary>Reads the three fields from a list reader (extra elements are left to the caller to ignore).</summary>
    internal static NodeEndpoint ReadFields(ref RlpReader list)
    {
        var ip = list.ReadBytes().ToArray();
        ushort udp = Discv4Rlp.ReadPort(ref list);
        ushort tcp = Discv4Rlp.ReadPort(ref list);
        return new NodeEndpoint(ip, udp, tcp);
    }

    /// <summary>Reads <c>[ip, udp, tcp, ...]</c>; elements after the third are ignored (EIP-8).</summary>
    internal static NodeEndpoint Read(ref RlpReader reader)
    {
        var list = reader.EnterList();
        return ReadFields(ref list);
    }

    private static byte[] Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        return address.GetAddressBytes();
    }
}
