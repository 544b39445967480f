using System.Net;

namespace Devp2p.Protocol.Discv4;

/// <summary>Why a node relayed in a Neighbors packet may not be used; <see cref="Ok"/> when it may.</summary>
public enum RelayIpResult
{
    Ok,

    /// <summary>The IP is neither 4 nor 16 bytes.</summary>
    InvalidIp,

    /// <summary>0.0.0.0 or ::.</summary>
    Unspecified,

    /// <summary>Multicast, broadcast, documentation or another special-purpose range.</summary>
    SpecialNetwork,

    /// <summary>A loopback address relayed by a sender that is not on loopback.</summary>
    LoopbackFromRemote,

    /// <summary>A LAN address relayed by a sender that is not on a LAN (or loopback).</summary>
    LanFromPublic,

    /// <summary>UDP port ≤ 1024 (port 0 included) on an address that is not loopback.</summary>
    LowPort,
}

/// <summary>
/// Whether a node address relayed by another node is a valid target, as go-ethereum's
/// <c>netutil.CheckRelayIP</c> plus the low-port rule of <c>nodeFromRPC</c>. The discovery
/// actor applies it to every node of a Neighbors packet (with the UDP source of that packet as
/// sender) before the node reaches a lookup or the table; it stops a public node from steering
/// us at hosts on our own LAN or loopback, and at privileged ports.
/// </summary>
public static class RelayIpCheck
{
    /// <summary>
    /// The last port treated as privileged. go-ethereum drops every relayed node with UDP ≤ 1024;
    /// here a loopback address is exempt, so local test networks may use any port.
    /// </summary>
    public const int MaxLowPort = 1024;

    /// <summary>Checks <paramref name="relayed"/>'s IP and UDP port as relayed by <paramref name="sender"/>.</summary>
    public static RelayIpResult Check(IPAddress sender, NodeEndpoint relayed)
    {
        ArgumentNullException.ThrowIfNull(relayed);
        var result = CheckIp(sender, relayed.IpBytes);
        if (result != RelayIpResult.Ok)
            return result;
        if (relayed.UdpPort <= MaxLowPort && !IpNetworks.IsLoopback(relayed.IpBytes))
            return RelayIpResult.LowPort;
        return RelayIpResult.Ok;
    }

    /// <summary>go-ethereum's <c>CheckRelayIP(sender, addr)</c>: the IP rules alone.</summary>
    public static RelayIpResult CheckIp(IPAddress sender, ReadOnlySpan<byte> relayedIp)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (relayedIp.Length is not (4 or 16))
            return RelayIpResult.InvalidIp;
        if (IpNetworks.IsUnspecified(relayedIp))
            return RelayIpResult.Unspecified;
        if (IpNetworks.IsSpecialNetwork(relayedIp))
            return RelayIpResult.SpecialNetwork;
        var senderIp = IpPrefix.Canonical(sender);
        if (IpNetworks.IsLoopback(relayedIp) && !IpNetworks.IsLoopback(senderIp))
            return RelayIpResult.LoopbackFromRemote;
        if (IpNetworks.IsLan(relayedIp) && !IpNetworks.IsLan(senderIp))
            return RelayIpResult.LanFromPublic;
        return RelayIpResult.Ok;
    }
}
