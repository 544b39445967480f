using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Server;

/// <summary>
/// The local node's identity and how it is advertised: the node id from the key, the IP to put in
/// the enode URL (the listen address, or 127.0.0.1 when listening on all interfaces: with no NAT
/// mapping this is all we know), and a signed fallback record for when discovery is not running.
/// </summary>
public sealed class LocalNode
{
    private readonly byte[] _privateKey;
    private (int Port, string Text)? _record;

    public LocalNode(byte[] privateKey, IPEndPoint? listen)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        _privateKey = privateKey;
        Id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(privateKey, PublicKeyFormat.Raw64));
        var ip = listen?.Address;
        if (ip is not null && ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        Ip = ip is null || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : ip;
    }

    public NodeId Id { get; }

    /// <summary>The address advertised in the enode URL and the fallback record.</summary>
    public IPAddress Ip { get; }

    /// <summary>The enode URL: TCP port as bound (0 when not listening), UDP port from discovery (0 when off).</summary>
    public EnodeUrl Enode(int tcpPort, int udpPort) => new(Id, Ip, tcpPort, udpPort);

    /// <summary>A record with seq 1, ip and tcp (tcp left out when not listening), signed with the node key; cached per port.</summary>
    public string FallbackRecord(int tcpPort)
    {
        if (_record is { } cached && cached.Port == tcpPort) return cached.Text;
        var builder = new EnrBuilder().WithSeq(1).WithIp(Ip);
        if (tcpPort > 0) builder.WithTcp(tcpPort);
        var text = builder.Sign(_privateKey).ToText();
        _record = (tcpPort, text);
        return text;
    }
}
