using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>ENR requests: triggered by a newer seq in a Ping/Pong, sent by Resolve, answers checked against the sender.</summary>
public sealed class EnrSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private readonly InMemoryUdpNetwork _network = new();
    private readonly InMemoryNodeDatabase _db = new();

    private IActorRef Start()
    {
        var actor = Sys.ActorOf(DiscoveryActor.Props(Settings(_network, _db) with { RandomLookupsPerRefresh = 0 }));
        actor.Tell(GetLocalRecord.Instance);
        ExpectMsg<LocalRecord>();
        return actor;
    }

    private static Enr RecordOf(RawDiscv4Peer peer, ulong seq, byte[]? key = null) =>
        new EnrBuilder().WithSeq(seq).WithIp(peer.EndPoint.Address).WithUdp(peer.EndPoint.Port).WithTcp(peer.TcpPort).Sign(key ?? peer.PrivateKey);

    [Fact]
    public void A_ping_with_a_newer_seq_triggers_an_enr_request_and_the_record_is_stored()
    {
        Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.Ping(ActorEndPoint, enrSeq: 3);
        var request = peer.Expect<EnrRequestPacket>();
        peer.Send(ActorEndPoint, new EnrResponsePacket(request.Hash.Span, RecordOf(peer, 3).Encoded.Span));

        AwaitCondition(() => _db.GetNode(peer.Id)?.Enr is { } text && Enr.Parse(text).Seq == 3);
    }

    [Fact]
    public void A_ping_with_a_known_seq_triggers_nothing()
    {
        Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Ping(ActorEndPoint, enrSeq: 3);
        var request = peer.Expect<EnrRequestPacket>();
        peer.Send(ActorEndPoint, new EnrResponsePacket(request.Hash.Span, RecordOf(peer, 3).Encoded.Span));
        AwaitCondition(() => _db.GetNode(peer.Id)?.Enr is not null);

        peer.Ping(ActorEndPoint, enrSeq: 3);

        peer.Expect<PongPacket>();
        peer.ExpectNo<EnrRequestPacket>(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Resolve_proves_the_endpoint_then_returns_the_fresh_record()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        actor.Tell(new ResolveNode(peer.Enode));
        var ping = peer.Expect<PingPacket>();
        peer.Pong(ping, ActorEndPoint);
        peer.Ping(ActorEndPoint);
        var request = peer.Expect<EnrRequestPacket>();
        peer.Send(ActorEndPoint, new EnrResponsePacket(request.Hash.Span, RecordOf(peer, 9).Encoded.Span));

        var result = ExpectMsg<ResolveResult>();
        Assert.True(result.Fresh, result.Error);
        Assert.Equal(9UL, result.Record!.Seq);
    }

    [Fact]
    public void A_record_signed_by_another_key_is_rejected()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        peer.Bond(ActorEndPoint);

        actor.Tell(new ResolveNode(peer.Enode));
        var request = peer.Expect<EnrRequestPacket>();
        peer.Send(ActorEndPoint, new EnrResponsePacket(request.Hash.Span, RecordOf(peer, 9, Secp256k1.GeneratePrivateKey()).Encoded.Span));

        var result = ExpectMsg<ResolveResult>();
        Assert.False(result.Fresh);
        Assert.Null(result.Record);
        actor.Tell(GetDiscoveryStats.Instance);
        Assert.Equal(1, ExpectMsg<DiscoveryStats>().DroppedFor(DiscoveryDrop.BadRecord));
    }

    [Fact]
    public void Resolve_of_a_silent_node_fails_after_the_timeout()
    {
        var actor = Start();
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        actor.Tell(new ResolveNode(peer.Enode));
        peer.Expect<PingPacket>();
        Advance(TimeSpan.FromMilliseconds(500));

        var result = ExpectMsg<ResolveResult>();
        Assert.False(result.Fresh);
        Assert.NotNull(result.Error);
    }
}
