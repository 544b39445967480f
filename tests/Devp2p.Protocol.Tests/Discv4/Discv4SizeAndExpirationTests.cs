using Devp2p.Protocol.Discv4;
using static Devp2p.Protocol.Tests.Discv4.PacketFactory;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>The 1280-byte limit, go-ethereum's 12-node Neighbors split, and expiration against a passed-in time.</summary>
public class Discv4SizeAndExpirationTests
{
    [Fact]
    public void MaxNeighbors_is_12_as_in_geth()
    {
        Assert.Equal(12, Discv4Constants.MaxNeighbors);
    }

    [Fact]
    public void Twelve_largest_nodes_fit_and_thirteen_do_not()
    {
        var random = new Random(1);
        var nodes = Enumerable.Range(0, 13).Select(_ => Node(random, "2a01:4f8:ffff:ffff:ffff:ffff:ffff:ffff", ushort.MaxValue)).ToArray();
        Assert.True(Discv4Codec.GetEncodedLength(new NeighborsPacket(nodes[..12], ulong.MaxValue)) <= Discv4Constants.MaxPacketSize);
        Assert.True(Discv4Codec.GetEncodedLength(new NeighborsPacket(nodes, ulong.MaxValue)) > Discv4Constants.MaxPacketSize);
    }

    [Fact]
    public void Sixteen_nodes_split_into_two_packets_under_1280_bytes()
    {
        var random = new Random(2);
        var nodes = Enumerable.Range(0, 16).Select(_ => Node(random, "2a01:4f8::1", ushort.MaxValue)).ToArray();
        Assert.True(Discv4Codec.GetEncodedLength(new NeighborsPacket(nodes, ulong.MaxValue)) > Discv4Constants.MaxPacketSize);

        var packets = NeighborsPacket.Split(nodes, ulong.MaxValue).ToList();
        Assert.Equal([12, 4], packets.Select(p => p.Nodes.Count));
        var received = new List<Discv4Node>();
        foreach (var packet in packets)
        {
            var bytes = Discv4Codec.Encode(packet, Key);
            Assert.True(bytes.Length <= Discv4Constants.MaxPacketSize);
            received.AddRange(((NeighborsPacket)Discv4Codec.Decode(bytes).Packet).Nodes);
        }
        Assert.Equal(nodes, received);
    }

    [Theory]
    [InlineData(0, new int[] { 0 })]
    [InlineData(12, new[] { 12 })]
    [InlineData(13, new[] { 12, 1 })]
    [InlineData(24, new[] { 12, 12 })]
    public void Split_sizes(int count, int[] sizes)
    {
        var random = new Random(count);
        var nodes = Enumerable.Range(0, count).Select(_ => Node(random)).ToArray();
        Assert.Equal(sizes, NeighborsPacket.Split(nodes, 1).Select(p => p.Nodes.Count));
    }

    [Fact]
    public void Expiration_is_checked_against_the_time_passed_in()
    {
        var ping = new PingPacket(Endpoint("1.2.3.4"), Endpoint("5.6.7.8"), expiration: 1000);
        Assert.Equal(Discv4ExpirationCheck.Valid, ping.CheckExpiration(999));
        Assert.Equal(Discv4ExpirationCheck.Valid, ping.CheckExpiration(1000));
        Assert.Equal(Discv4ExpirationCheck.Expired, ping.CheckExpiration(1001));
        var response = new EnrResponsePacket(new byte[32], Devp2p.Protocol.Rlp.RlpCodec.EncodeList());
        Assert.Equal(Discv4ExpirationCheck.NoExpiration, response.CheckExpiration(ulong.MaxValue));
    }

    [Fact]
    public void Vector_packets_from_2006_are_expired_now_but_not_then()
    {
        var packet = Discv4Codec.Decode(Discv4Vectors.PacketBytes("ping_v4_plain_geth_only")).Packet;
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(Discv4ExpirationCheck.Expired, packet.CheckExpiration(Discv4Expiration.ToUnixSeconds(now)));
        Assert.Equal(Discv4ExpirationCheck.Valid, packet.CheckExpiration(1136239445 - 20));
    }

    [Fact]
    public void Default_expiration_is_now_plus_20_seconds()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        Assert.Equal(1_700_000_020UL, Discv4Expiration.From(now));
        Assert.Equal(0UL, Discv4Expiration.ToUnixSeconds(DateTimeOffset.UnixEpoch.AddDays(-1)));
    }
}
