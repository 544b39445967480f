using System.Net;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>go-ethereum's CheckRelayIP cases plus the low-port rule, as one table.</summary>
public class RelayIpCheckTests
{
    [Theory]
    // Public sender relaying public, LAN, loopback, special and unspecified addresses.
    [InlineData("8.8.8.8", "1.1.1.1", 30303, RelayIpResult.Ok)]
    [InlineData("8.8.8.8", "2a01:4f8::1", 30303, RelayIpResult.Ok)]
    [InlineData("8.8.8.8", "10.0.0.1", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "172.16.5.4", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "192.168.1.1", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "169.254.1.1", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "fe80::1", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "fd00::1", 30303, RelayIpResult.LanFromPublic)]
    [InlineData("8.8.8.8", "127.0.0.1", 30303, RelayIpResult.LoopbackFromRemote)]
    [InlineData("8.8.8.8", "::1", 30303, RelayIpResult.LoopbackFromRemote)]
    [InlineData("8.8.8.8", "0.0.0.0", 30303, RelayIpResult.Unspecified)]
    [InlineData("8.8.8.8", "::", 30303, RelayIpResult.Unspecified)]
    [InlineData("8.8.8.8", "224.0.0.1", 30303, RelayIpResult.SpecialNetwork)]
    [InlineData("8.8.8.8", "ff02::1", 30303, RelayIpResult.SpecialNetwork)]
    [InlineData("8.8.8.8", "255.255.255.255", 30303, RelayIpResult.SpecialNetwork)]
    [InlineData("8.8.8.8", "192.0.2.1", 30303, RelayIpResult.SpecialNetwork)]
    [InlineData("8.8.8.8", "198.51.100.7", 30303, RelayIpResult.SpecialNetwork)]
    [InlineData("8.8.8.8", "2001:db8::1", 30303, RelayIpResult.SpecialNetwork)]
    // LAN sender may relay LAN; loopback sender may relay loopback and LAN.
    [InlineData("192.168.0.2", "10.0.0.1", 30303, RelayIpResult.Ok)]
    [InlineData("192.168.0.2", "127.0.0.1", 30303, RelayIpResult.LoopbackFromRemote)]
    [InlineData("127.0.0.1", "127.0.0.2", 30303, RelayIpResult.Ok)]
    [InlineData("127.0.0.1", "10.1.1.1", 30303, RelayIpResult.Ok)]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", 30303, RelayIpResult.Ok)]
    // Ports: ≤ 1024 rejected unless the relayed address is loopback.
    [InlineData("8.8.8.8", "1.1.1.1", 1024, RelayIpResult.LowPort)]
    [InlineData("8.8.8.8", "1.1.1.1", 0, RelayIpResult.LowPort)]
    [InlineData("8.8.8.8", "1.1.1.1", 1025, RelayIpResult.Ok)]
    [InlineData("127.0.0.1", "127.0.0.1", 80, RelayIpResult.Ok)]
    [InlineData("192.168.0.2", "10.0.0.1", 53, RelayIpResult.LowPort)]
    public void Relay_rules(string sender, string relayed, int udpPort, RelayIpResult expected)
    {
        var endpoint = new NodeEndpoint(IPAddress.Parse(relayed), (ushort)udpPort, 30303);
        Assert.Equal(expected, RelayIpCheck.Check(IPAddress.Parse(sender), endpoint));
    }

    [Fact]
    public void IPs_of_other_lengths_are_invalid()
    {
        Assert.Equal(RelayIpResult.InvalidIp, RelayIpCheck.CheckIp(IPAddress.Loopback, [1, 2, 3]));
        Assert.Equal(RelayIpResult.InvalidIp, RelayIpCheck.CheckIp(IPAddress.Loopback, []));
    }

    [Theory]
    [InlineData("127.0.0.1", true, true, false)]
    [InlineData("10.2.3.4", false, true, false)]
    [InlineData("172.31.255.255", false, true, false)]
    [InlineData("172.32.0.1", false, false, false)]
    [InlineData("100.64.0.1", false, false, false)]
    [InlineData("239.255.255.250", false, false, true)]
    [InlineData("::ffff:10.0.0.1", false, true, false)]
    public void Address_classes(string ip, bool loopback, bool lan, bool special)
    {
        var address = IPAddress.Parse(ip);
        Assert.Equal(loopback, IpNetworks.IsLoopback(address));
        Assert.Equal(lan, IpNetworks.IsLan(address));
        Assert.Equal(special, IpNetworks.IsSpecialNetwork(address));
    }
}
