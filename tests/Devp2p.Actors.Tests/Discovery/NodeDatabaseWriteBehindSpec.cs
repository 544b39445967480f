using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.NodeDatabase;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Actors.Tests.NodeDatabase;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Discv4;
using Xunit.Abstractions;
using static Devp2p.Actors.Tests.Discovery.DiscoveryFixture;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>
/// The DiscoveryActor over a SQLite file: proof writes wait behind <see cref="WriteBehindNodeDatabase"/> until
/// the flush timer, a graceful stop writes them all, and a node that keeps answering is not rewritten per packet.
/// The file is read with a separate connection, as another process would see it.
/// </summary>
public sealed class NodeDatabaseWriteBehindSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(2);
    private readonly InMemoryUdpNetwork _network = new();
    private readonly TempDir _dir = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing); // the actor system stops first, closing the database
        if (disposing)
            _dir.Dispose();
    }

    private IActorRef Start()
    {
        var settings = Settings(_network) with
        {
            NodeDatabaseFactory = () => SqliteNodeDatabase.Open(_dir.Path),
            NodeDatabaseFlushInterval = FlushInterval,
            RandomLookupsPerRefresh = 0,
            UnprovenRevalidationInterval = TimeSpan.FromDays(1),
            ProvenRevalidationInterval = TimeSpan.FromDays(1),
        };
        var actor = Sys.ActorOf(DiscoveryActor.Props(settings));
        Settle(actor);
        return actor;
    }

    /// <summary>Returns once the actor has handled everything sent to it before.</summary>
    private void Settle(IActorRef actor)
    {
        actor.Tell(GetDiscoveryStats.Instance);
        ExpectMsg<DiscoveryStats>();
    }

    private long? FileValue(string sql)
    {
        using var raw = NodeDbFixtures.Raw(_dir.DbFile);
        var text = NodeDbFixtures.Scalar(raw, sql);
        return text.Length == 0 ? null : long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    private long? LastPingInFile(RawDiscv4Peer peer) =>
        FileValue($"SELECT last_ping FROM proofs WHERE hex(id) = '{Convert.ToHexString(peer.Id.Bytes)}'");

    private long? LastSeenInFile(RawDiscv4Peer peer) =>
        FileValue($"SELECT last_seen FROM nodes WHERE hex(id) = '{Convert.ToHexString(peer.Id.Bytes)}'");

    private IActorRef StartBonded(RawDiscv4Peer peer)
    {
        var actor = Start();
        peer.Bond(ActorEndPoint);
        Settle(actor);
        Assert.Equal(Sys.Scheduler.Now.ToUnixTimeMilliseconds(), LastPingInFile(peer)); // the new node's row wrote everything
        return actor;
    }

    [Fact]
    public void A_ping_proof_waits_in_memory_until_the_flush_timer_writes_it()
    {
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        var actor = StartBonded(peer);
        var bonded = LastPingInFile(peer);

        Advance(TimeSpan.FromSeconds(1));
        var second = Sys.Scheduler.Now.ToUnixTimeMilliseconds();
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        Settle(actor);
        Assert.Equal(bonded, LastPingInFile(peer));

        Advance(FlushInterval);
        Settle(actor);
        Assert.Equal(second, LastPingInFile(peer));
    }

    [Fact]
    public void A_graceful_stop_writes_every_waiting_proof()
    {
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        var actor = StartBonded(peer);
        Advance(TimeSpan.FromSeconds(1));
        var second = Sys.Scheduler.Now;
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        Settle(actor);

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Assert.Equal(second.ToUnixTimeMilliseconds(), LastPingInFile(peer));
        using var reopened = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Null(reopened.RecoveryNote);
        Assert.Equal(second.ToUnixTimeMilliseconds(), reopened.LastPingReceived(peer.Id, peer.EndPoint.Address)?.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void A_node_that_keeps_answering_has_its_row_rewritten_once_per_resolution_not_per_packet()
    {
        using var peer = new RawDiscv4Peer(_network, Peer(1));
        var actor = StartBonded(peer);
        var seen = LastSeenInFile(peer);
        Assert.Equal(Sys.Scheduler.Now.ToUnixTimeMilliseconds(), seen);

        Advance(DiscoveryActor.LastSeenResolution - TimeSpan.FromSeconds(1));
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        Settle(actor);
        Assert.Equal(seen, LastSeenInFile(peer));

        Advance(TimeSpan.FromSeconds(1));
        var later = Sys.Scheduler.Now.ToUnixTimeMilliseconds();
        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        Settle(actor);
        Assert.Equal(later, LastSeenInFile(peer));
    }

    [Fact]
    public void A_zero_flush_interval_writes_each_proof_through()
    {
        var actor = Sys.ActorOf(DiscoveryActor.Props(Settings(_network) with
        {
            NodeDatabaseFactory = () => SqliteNodeDatabase.Open(_dir.Path),
            NodeDatabaseFlushInterval = TimeSpan.Zero,
            RandomLookupsPerRefresh = 0,
        }));
        Settle(actor);
        using var peer = new RawDiscv4Peer(_network, Peer(1));

        peer.Ping(ActorEndPoint);
        peer.Expect<PongPacket>();
        Settle(actor);

        Assert.Equal(Sys.Scheduler.Now.ToUnixTimeMilliseconds(), LastPingInFile(peer));
    }
}
