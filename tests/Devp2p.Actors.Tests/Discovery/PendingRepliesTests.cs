using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Discovery;

public sealed class PendingRepliesTests
{
    private static readonly IPAddress Ip = IPAddress.Parse("10.0.0.1");
    private static readonly NodeEndpoint Endpoint = new(Ip, 30303, 30303);
    private static NodeId NewId() => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey()));
    private static byte[] Hash(byte b) => Enumerable.Repeat(b, 32).ToArray();

    [Fact]
    public void A_pong_matches_only_its_sender_ip_and_ping_hash()
    {
        var replies = new PendingReplies();
        var id = NewId();
        var pending = replies.Add(id, Ip, Discv4PacketType.Pong, Hash(1), _ => true, () => { });

        Assert.Same(pending, replies.Match(id, Ip, new PongPacket(Endpoint, Hash(1), 1)));
        Assert.Null(replies.Match(id, Ip, new PongPacket(Endpoint, Hash(2), 1)));
        Assert.Null(replies.Match(NewId(), Ip, new PongPacket(Endpoint, Hash(1), 1)));
        Assert.Null(replies.Match(id, IPAddress.Parse("10.0.0.2"), new PongPacket(Endpoint, Hash(1), 1)));
        Assert.Null(replies.Match(id, Ip, new NeighborsPacket([], 1)));
    }

    [Fact]
    public void Neighbors_match_by_sender_and_type_oldest_first_until_removed()
    {
        var replies = new PendingReplies();
        var id = NewId();
        var first = replies.Add(id, Ip, Discv4PacketType.Neighbors, default, _ => false, () => { });
        var second = replies.Add(id, Ip, Discv4PacketType.Neighbors, default, _ => false, () => { });

        Assert.Same(first, replies.Match(id, Ip.MapToIPv6(), new NeighborsPacket([], 1)));
        Assert.Same(first, replies.Remove(first.Id));
        Assert.Null(replies.Remove(first.Id));
        Assert.Same(second, replies.Match(id, Ip, new NeighborsPacket([], 1)));
        Assert.Equal(1, replies.Count);
    }

    [Fact]
    public void Pong_and_enr_response_need_a_request_hash()
    {
        var replies = new PendingReplies();
        Assert.Throws<ArgumentException>(() => replies.Add(NewId(), Ip, Discv4PacketType.Pong, default, _ => true, () => { }));
        Assert.Throws<ArgumentException>(() => replies.Add(NewId(), Ip, Discv4PacketType.EnrResponse, new byte[5], _ => true, () => { }));
    }
}
