using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Enode;

/// <summary>Building, signing, updating and converting records.</summary>
public class EnrBuilderTests
{
    private static readonly byte[] Key = EnrVector.PrivateKey;

    private static NodeId KeyId => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Key));

    [Fact]
    public void Every_well_known_key_and_unknown_keys_round_trip()
    {
        // "eth" as geth publishes it: [[forkHash, forkNext]] — a list value.
        var eth = RlpCodec.EncodeList(RlpCodec.EncodeList(RlpCodec.EncodeBytes([0xfc, 0x64, 0xec, 0x04]), RlpCodec.EncodeUInt64(1150000)));
        var record = new EnrBuilder()
            .WithSeq(7)
            .WithUdp6(30305).WithTcp6(30304).WithIp(IPAddress.Parse("2001:db8::7"))
            .WithIp(IPAddress.Parse("10.0.0.1")).WithTcp(30303).WithUdp(30301)
            .WithRawValue("eth", eth)
            .WithBytes("foo", [1, 2, 3])
            .Sign(Key);

        var parsed = Enr.Parse(record.ToText());
        Assert.Equal(record, parsed);
        Assert.Equal(record, Enr.Decode(record.ToRlp()));
        Assert.Equal(7UL, parsed.Seq);
        Assert.Equal("v4", parsed.IdentityScheme);
        Assert.Equal(KeyId, parsed.PublicKey);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), parsed.Ip);
        Assert.Equal(IPAddress.Parse("2001:db8::7"), parsed.Ip6);
        Assert.Equal((30303, 30301, 30304, 30305), (parsed.Tcp, parsed.Udp, parsed.Tcp6, parsed.Udp6));
        Assert.Equal(["eth", "foo", "id", "ip", "ip6", "secp256k1", "tcp", "tcp6", "udp", "udp6"], parsed.Entries.Select(e => e.Key));

        var ethEntry = parsed.Find("eth")!;
        Assert.True(ethEntry.IsList);
        Assert.Equal(eth, ethEntry.RawValue.ToArray());
        Assert.Equal(eth[1..], ethEntry.Content.ToArray());
        Assert.True(parsed.TryGetRawValue("foo", out var foo));
        Assert.Equal(RlpCodec.EncodeBytes([1, 2, 3]), foo.ToArray());
        Assert.False(parsed.TryGetRawValue("bar", out _));
        Assert.Null(parsed.Find("bar"));
    }

    [Fact]
    public void Keys_are_sorted_whatever_the_insertion_order()
    {
        var a = new EnrBuilder().WithBytes("z", [1]).WithBytes("a", [2]).WithUdp(1).Sign(Key);
        var b = new EnrBuilder().WithUdp(1).WithBytes("a", [2]).WithBytes("z", [1]).Sign(Key);
        Assert.Equal(a, b);
        Assert.Equal(["a", "id", "secp256k1", "udp", "z"], a.Entries.Select(e => e.Key));
    }

    [Fact]
    public void Updating_a_record_keeps_unknown_keys_and_bumps_seq()
    {
        var first = new EnrBuilder().WithSeq(1).WithBytes("snap", []).WithIp(IPAddress.Loopback).Sign(Key);
        var second = EnrBuilder.From(first).WithSeq(first.Seq + 1).WithTcp(30303).Without("snap").WithBytes("les", [5]).Sign(Key);

        Assert.Equal(2UL, second.Seq);
        Assert.Equal(IPAddress.Loopback, second.Ip);
        Assert.Equal(30303, second.Tcp);
        Assert.Null(second.Find("snap"));
        Assert.NotNull(second.Find("les"));
        Assert.True(Enr.Parse(second.ToText()).IsSignatureValid);
    }

    [Fact]
    public void Ipv4_mapped_ipv6_is_stored_as_ip()
    {
        var record = new EnrBuilder().WithIp(IPAddress.Parse("::ffff:1.2.3.4")).Sign(Key);
        Assert.Equal(IPAddress.Parse("1.2.3.4"), record.Ip);
        Assert.Null(record.Ip6);
    }

    [Fact]
    public void Typed_addresses_are_copies()
    {
        var record = new EnrBuilder().WithIp(IPAddress.Parse("fe80::1")).Sign(Key);
        record.Ip6!.ScopeId = 3;
        Assert.Equal(0, record.Ip6!.ScopeId);
    }

    [Fact]
    public void Signing_over_300_bytes_is_refused()
    {
        var builder = new EnrBuilder().WithBytes("big", new byte[200]);
        var ex = Assert.Throws<EnrFormatException>(() => builder.Sign(Key));
        Assert.Equal(EnrError.TooBig, ex.Error);
        Assert.Contains("limit is 300", ex.Message);
    }

    [Fact]
    public void Bad_input_to_the_builder_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnrBuilder().WithTcp(65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnrBuilder().WithUdp(-1));
        Assert.Throws<RlpException>(() => new EnrBuilder().WithRawValue("x", [0x81, 0x05]));
        Assert.Throws<RlpException>(() => new EnrBuilder().WithRawValue("x", [0x80, 0x80]));
        Assert.Throws<CryptoException>(() => new EnrBuilder().Sign(new byte[32]));

        var malformed = new EnrBuilder().WithBytes("ip", [127, 0, 1]);
        Assert.Equal(EnrError.InvalidValue, Assert.Throws<EnrFormatException>(() => malformed.Sign(Key)).Error);
    }

    [Theory]
    [InlineData("10.1.2.3", 30303, 30301)]
    [InlineData("2001:db8::1", 30303, 30303)]
    [InlineData("::1", 1, 0)]
    public void Enode_url_to_record_and_back(string ip, int tcp, int udp)
    {
        var url = new EnodeUrl(KeyId, IPAddress.Parse(ip), tcp, udp);
        var record = new EnrBuilder().WithEndpoint(url).Sign(Key);
        Assert.Equal(url, record.ToEnodeUrl());
    }

    [Fact]
    public void Record_without_address_gives_an_incomplete_url()
    {
        var url = new EnrBuilder().Sign(Key).ToEnodeUrl();
        Assert.True(url.IsIncomplete);
        Assert.Equal(KeyId, url.Id);
        Assert.Equal(url, new EnrBuilder().WithEndpoint(url).Sign(Key).ToEnodeUrl());
    }

    [Theory]
    [InlineData("10.0.0.1", "2001:db8::1", "2001:db8::1")]  // private IPv4 loses to a global IPv6
    [InlineData("1.2.3.4", "2001:db8::1", "1.2.3.4")]       // equally global: IPv4 wins
    [InlineData("127.0.0.1", "fe80::1", "fe80::1")]         // loopback < link-local
    [InlineData("192.168.1.1", "::1", "192.168.1.1")]
    public void With_both_addresses_the_more_global_one_is_chosen(string ip4, string ip6, string expected)
    {
        var record = new EnrBuilder()
            .WithIp(IPAddress.Parse(ip4)).WithTcp(1).WithUdp(2)
            .WithIp(IPAddress.Parse(ip6)).WithTcp6(3)
            .Sign(Key);
        var url = record.ToEnodeUrl();
        Assert.Equal(IPAddress.Parse(expected), url.Ip);
        bool v6 = expected.Contains(':');
        Assert.Equal(v6 ? 3 : 1, url.TcpPort);
        Assert.Equal(2, url.UdpPort); // no udp6: IPv6 falls back to udp
    }

    [Fact]
    public void Record_without_a_key_has_no_enode_url()
    {
        // [sig, seq=1, "id", "v4"]: structurally fine, unverifiable, no key.
        var rlp = RlpCodec.EncodeList(RlpCodec.EncodeBytes(new byte[64]), RlpCodec.EncodeUInt64(1), RlpCodec.EncodeUtf8("id"), RlpCodec.EncodeUtf8("v4"));
        var record = Enr.DecodeUnverified(rlp);
        Assert.Null(record.PublicKey);
        Assert.Null(record.NodeIdHash);
        Assert.False(record.IsSignatureValid);
        Assert.Throws<InvalidOperationException>(() => record.ToEnodeUrl());
    }
}
