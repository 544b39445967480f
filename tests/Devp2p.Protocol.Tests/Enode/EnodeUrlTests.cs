using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Tests.Enode;

public class EnodeUrlTests
{
    // The public key of the EIP-778 example record (a real point on the curve).
    private const string Id = "ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd31387574077f301b421bc84df7266c44e9e6d569fc56be00812904767bf5ccd1fc7f";

    [Fact]
    public void Parses_ipv4_with_discport()
    {
        var url = EnodeUrl.Parse($"enode://{Id}@10.3.58.6:30303?discport=30301");
        Assert.Equal(Id, url.Id.ToHex());
        Assert.Equal(IPAddress.Parse("10.3.58.6"), url.Ip);
        Assert.Equal(30303, url.TcpPort);
        Assert.Equal(30301, url.UdpPort);
        Assert.False(url.IsIncomplete);
    }

    [Fact]
    public void Udp_port_defaults_to_tcp_port()
    {
        var url = EnodeUrl.Parse($"enode://{Id}@127.0.0.1:30303");
        Assert.Equal(30303, url.UdpPort);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 30303), url.TcpEndPoint);
    }

    [Fact]
    public void Accepts_discport_zero()
    {
        var url = EnodeUrl.Parse($"enode://{Id}@127.0.0.1:30303?discport=0");
        Assert.Equal(0, url.UdpPort);
        Assert.Equal($"enode://{Id}@127.0.0.1:30303?discport=0", url.ToString());
    }

    [Fact]
    public void Parses_ipv6_in_brackets()
    {
        var url = EnodeUrl.Parse($"enode://{Id}@[2001:db8::1]:30303?discport=30304");
        Assert.Equal(IPAddress.Parse("2001:db8::1"), url.Ip);
        Assert.Equal(30304, url.UdpPort);
        Assert.Equal($"enode://{Id}@[2001:db8::1]:30303?discport=30304", url.ToString());
    }

    [Fact]
    public void Upper_case_hex_is_accepted_and_formatted_lower_case()
    {
        var url = EnodeUrl.Parse($"enode://{Id.ToUpperInvariant()}@127.0.0.1:1");
        Assert.Equal($"enode://{Id}@127.0.0.1:1", url.ToString());
    }

    [Fact]
    public void Id_only_url_is_an_incomplete_node()
    {
        var url = EnodeUrl.Parse($"enode://{Id}");
        Assert.True(url.IsIncomplete);
        Assert.Null(url.TcpEndPoint);
        Assert.Equal($"enode://{Id}", url.ToString());
    }

    [Fact]
    public void Ipv4_mapped_ipv6_formats_as_ipv4()
    {
        var url = new EnodeUrl(NodeId.FromHex(Id), IPAddress.Parse("::ffff:1.2.3.4"), 30303, 30303);
        Assert.Equal($"enode://{Id}@1.2.3.4:30303", url.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1", 30303, 30303)]
    [InlineData("127.0.0.1", 30303, 30301)]
    [InlineData("::1", 1, 65535)]
    [InlineData("192.168.1.20", 0, 0)]
    public void Format_then_parse_round_trips(string ip, int tcp, int udp)
    {
        var url = new EnodeUrl(NodeId.FromHex(Id), IPAddress.Parse(ip), tcp, udp);
        Assert.Equal(url, EnodeUrl.Parse(url.ToString()));
    }

    [Theory]
    [InlineData("enr://{0}@127.0.0.1:30303", "scheme")]
    [InlineData("{0}@127.0.0.1:30303", "scheme")]
    [InlineData("enode://{0}00@127.0.0.1:30303", "node id")]
    [InlineData("enode://abc@127.0.0.1:30303", "node id")]
    [InlineData("enode://{1}@127.0.0.1:30303", "node id")]
    [InlineData("enode://{2}@127.0.0.1:30303", "node id")]
    [InlineData("enode://{0}@127.0.0.1", "port")]
    [InlineData("enode://{0}@127.0.0.1:", "port")]
    [InlineData("enode://{0}@127.0.0.1:65536", "port")]
    [InlineData("enode://{0}@127.0.0.1:-1", "port")]
    [InlineData("enode://{0}@127.0.0.1:30x3", "port")]
    [InlineData("enode://{0}@:30303", "host")]
    [InlineData("enode://{0}@example.org:30303", "host")]
    [InlineData("enode://{0}@127.1:30303", "host")]
    [InlineData("enode://{0}@2001:db8::1:30303", "host")]
    [InlineData("enode://{0}@[2001:db8::1:30303", "host")]
    [InlineData("enode://{0}@[2001:db8::1]30303", "port")]
    [InlineData("enode://{0}@127.0.0.1:30303?discport=", "discport")]
    [InlineData("enode://{0}@127.0.0.1:30303?discport=70000", "discport")]
    [InlineData("enode://{0}@127.0.0.1:30303?discport=abc", "discport")]
    public void Rejects_with_the_bad_part_named(string template, string part)
    {
        // {2}: 128 hex digits that are not a point on the curve (x = 0 has no y).
        var text = string.Format(template, Id, new string('g', 128), new string('0', 127) + "1");
        var ex = Assert.Throws<EnodeFormatException>(() => EnodeUrl.Parse(text));
        Assert.Equal(part, ex.Part);
        Assert.Contains(part, ex.Message);
        Assert.False(EnodeUrl.TryParse(text, out _));
    }

    [Fact]
    public void Unknown_query_parameters_are_ignored()
    {
        var url = EnodeUrl.Parse($"enode://{Id}@127.0.0.1:30303?foo=bar&discport=9");
        Assert.Equal(9, url.UdpPort);
    }
}
