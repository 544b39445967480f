using System.Net;
using Devp2p.Actors.Listener;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Tests.Listener;

public sealed class InboundGateSpec
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private TimeSpan _now = TimeSpan.FromHours(1);

    private InboundGate Gate(IReadOnlyList<IpPrefix>? restrict = null) => new(restrict, Window, () => _now);

    [Fact]
    public void Throttles_an_internet_address_within_the_window_and_admits_it_after()
    {
        var gate = Gate();
        var ip = IPAddress.Parse("8.8.8.8");
        Assert.Equal(InboundRefusal.None, gate.Check(ip));
        _now += TimeSpan.FromSeconds(29);
        Assert.Equal(InboundRefusal.Throttled, gate.Check(ip));
        Assert.Equal(InboundRefusal.None, gate.Check(IPAddress.Parse("8.8.4.4")));
        _now += TimeSpan.FromSeconds(1);
        Assert.Equal(InboundRefusal.None, gate.Check(ip));
    }

    [Fact]
    public void A_refused_attempt_does_not_extend_the_window()
    {
        var gate = Gate();
        var ip = IPAddress.Parse("1.2.3.4");
        gate.Check(ip);
        _now += TimeSpan.FromSeconds(20);
        Assert.Equal(InboundRefusal.Throttled, gate.Check(ip));
        _now += TimeSpan.FromSeconds(10);
        Assert.Equal(InboundRefusal.None, gate.Check(ip));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("192.168.1.20")]
    [InlineData("10.1.2.3")]
    [InlineData("fe80::1")]
    public void Loopback_and_lan_are_exempt(string address)
    {
        var gate = Gate();
        var ip = IPAddress.Parse(address);
        Assert.Equal(InboundRefusal.None, gate.Check(ip));
        Assert.Equal(InboundRefusal.None, gate.Check(ip));
        Assert.Equal(0, gate.Tracked);
    }

    [Fact]
    public void Ipv4_mapped_addresses_count_as_the_same_host()
    {
        var gate = Gate();
        Assert.Equal(InboundRefusal.None, gate.Check(IPAddress.Parse("5.6.7.8")));
        Assert.Equal(InboundRefusal.Throttled, gate.Check(IPAddress.Parse("::ffff:5.6.7.8")));
    }

    [Fact]
    public void Net_restrict_refuses_outside_addresses_even_on_the_lan()
    {
        var gate = Gate([IpPrefix.Parse("10.0.0.0/8")]);
        Assert.Equal(InboundRefusal.NetRestrict, gate.Check(IPAddress.Loopback));
        Assert.Equal(InboundRefusal.NetRestrict, gate.Check(IPAddress.Parse("8.8.8.8")));
        Assert.Equal(InboundRefusal.None, gate.Check(IPAddress.Parse("10.9.9.9")));
    }

    [Fact]
    public void History_is_swept_as_windows_end()
    {
        var gate = Gate();
        for (var i = 1; i <= 100; i++) gate.Check(IPAddress.Parse($"20.0.0.{i}"));
        Assert.Equal(100, gate.Tracked);
        _now += Window;
        gate.Check(IPAddress.Parse("30.0.0.1"));
        Assert.Equal(1, gate.Tracked);
    }
}
