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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_adds_removes_and_matches_answer_like_a_scan_of_every_pending_reply(int seed)
    {
        // The reference is the plain rule: the oldest reply of the packet's type from this sender and IP
        // (and, for Pong, with its hash), among all pending. Few ids, IPs and hashes, so matches collide.
        var random = new Random(seed);
        var ids = Enumerable.Range(0, 4).Select(_ => NewId()).ToArray();
        IPAddress[] ips = [Ip, IPAddress.Parse("10.0.0.2"), Ip.MapToIPv6()];
        var replies = new PendingReplies();
        var reference = new List<PendingReply>();
        for (int step = 0; step < 2000; step++)
        {
            var id = ids[random.Next(ids.Length)];
            var ip = ips[random.Next(ips.Length)];
            var hash = Hash((byte)random.Next(3));
            bool pong = random.Next(2) == 0;
            switch (random.Next(3))
            {
                case 0:
                    reference.Add(pong
                        ? replies.Add(id, ip, Discv4PacketType.Pong, hash, _ => true, () => { })
                        : replies.Add(id, ip, Discv4PacketType.Neighbors, default, _ => true, () => { }));
                    break;
                case 1 when reference.Count > 0:
                    var victim = reference[random.Next(reference.Count)];
                    reference.Remove(victim);
                    Assert.Same(victim, replies.Remove(victim.Id));
                    Assert.Null(replies.Remove(victim.Id));
                    break;
                default:
                    Discv4Packet packet = pong ? new PongPacket(Endpoint, hash, 1) : new NeighborsPacket([], 1);
                    var plainIp = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
                    var expected = reference
                        .Where(r => r.Type == packet.Type && r.From.Equals(id) && r.Ip.Equals(plainIp) && (r.Hash.Length == 0 || r.Hash.AsSpan().SequenceEqual(hash)))
                        .MinBy(r => r.Id);
                    Assert.Same(expected, replies.Match(id, ip, packet));
                    break;
            }
            Assert.Equal(reference.Count, replies.Count);
        }
        Assert.Equal(reference.Select(r => r.Id).Order(), replies.Clear().Select(r => r.Id).Order());
        Assert.Null(replies.Match(ids[0], Ip, new NeighborsPacket([], 1)));
    }
}
