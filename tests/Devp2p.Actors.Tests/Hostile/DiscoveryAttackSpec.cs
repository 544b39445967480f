using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.NodeDatabase;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Actors.Tests.Discovery;
using Devp2p.Actors.Tests.NodeDatabase;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// discv4 under attack: relayed nodes nobody asked for, a Sybil flood from one /24, and a flood of
/// garbage datagrams on a real UDP socket. The single-packet rules (FindNode and ENRRequest from an
/// unproven sender, expired packets, a Pong with the wrong hash) are EndpointProofSpec and ReplyMatchingSpec.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class DiscoveryAttackSpec(ITestOutputHelper output) : TestKit(output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public void Unsolicited_neighbors_are_dropped_and_add_nothing()
    {
        var network = new InMemoryUdpNetwork();
        // The raw peer answers nothing by itself: revalidation (every second by default) would ping it and, on a
        // slow run, evict it before the last assertion.
        var actor = Sys.ActorOf(DiscoveryActor.Props(DiscoveryFixture.Settings(network) with
        {
            RandomLookupsPerRefresh = 0,
            UnprovenRevalidationInterval = TimeSpan.FromHours(1),
            ProvenRevalidationInterval = TimeSpan.FromHours(1),
        }));
        Assert.Empty(Table(actor)); // answered once started: its transport is bound
        using var peer = new RawDiscv4Peer(network, DiscoveryFixture.Peer(1));
        peer.Bond(DiscoveryFixture.ActorEndPoint);
        AwaitAssert(() => Assert.Single(Table(actor)));

        var planted = Enumerable.Range(0, Discv4Constants.MaxNeighbors)
            .Select(i => new NodeEndpointAndId(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey())), i))
            .Select(n => new Discv4Node(n.Id, IPAddress.Parse($"127.0.0.{100 + n.Index}"), 30303, 30303))
            .ToList();
        // Nobody listens at the planted addresses: watch what the actor sends there instead.
        var plantedAddresses = planted.Select(n => n.Address).ToHashSet();
        int sentToPlanted = 0;
        network.Drop = (_, to, _) =>
        {
            if (plantedAddresses.Contains(to.Address))
                Interlocked.Increment(ref sentToPlanted);
            return false;
        };
        peer.Send(DiscoveryFixture.ActorEndPoint, new NeighborsPacket(planted, RawDiscv4Peer.Expiration));

        AwaitAssert(() => Assert.Equal(1, Stats(actor).DroppedFor(DiscoveryDrop.Unsolicited)));
        Assert.Equal([peer.Id], Table(actor).Select(n => n.Node.Id));
        Thread.Sleep(300); // nothing planted is even pinged
        Assert.Equal(0, Volatile.Read(ref sentToPlanted));
        peer.ExpectNo<PingPacket>(TimeSpan.Zero);
    }

    [Fact]
    public void A_sybil_flood_from_one_slash_24_gets_no_more_than_the_ip_limits()
    {
        // Every bond costs the attacker's and our signatures (four per id); the managed secp256k1 fallback
        // makes 1,000 slow, so the shortened form uses 100 — still ten times the /24 limit.
        int sybils = HostileScale.Pick(100, 1000);
        var network = new InMemoryUdpNetwork();
        var key = Secp256k1.GeneratePrivateKey();
        var self = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(key));
        var actor = Sys.ActorOf(DiscoveryActor.Props(DiscoveryFixture.Settings(network, key: key) with
        {
            RandomLookupsPerRefresh = 0,
            UnprovenRevalidationInterval = TimeSpan.FromHours(1),
            ProvenRevalidationInterval = TimeSpan.FromHours(1),
        }));
        Table(actor);
        using var attackers = new AutoPonger(network);
        using var honest = new AutoPonger(network);
        // The ids spread over 250 addresses of 45.67.89.0/24 (several ports each); 8 honest nodes each on its own /24.
        var sybilNodes = Enumerable.Range(0, sybils).Select(i => attackers.Add(new IPEndPoint(IPAddress.Parse($"45.67.89.{1 + i % 250}"), 30303 + i / 250))).ToList();
        var honestNodes = Enumerable.Range(0, 8).Select(i => honest.Add(new IPEndPoint(IPAddress.Parse($"45.{68 + i}.1.1"), 30303))).ToList();
        foreach (var node in sybilNodes.Concat(honestNodes))
            node.Ping(DiscoveryFixture.ActorEndPoint);

        AwaitCondition(() => honestNodes.All(h => h.Bonded) && sybilNodes.Count(s => s.Bonded) == sybils, HostileScale.Patience(30));
        AwaitAssert(() => Assert.Equal(honestNodes.Select(h => h.Id).ToHashSet(), Table(actor).Where(e => e.Node.Address!.GetAddressBytes()[1] != 67).Select(e => e.Node.Id).ToHashSet()), HostileScale.Patience(10));
        var table = Table(actor);
        var fromSybilNet = table.Where(e => e.Node.Address!.ToString().StartsWith("45.67.89.", StringComparison.Ordinal)).ToList();
        _output.WriteLine($"{sybils} sybil ids bonded from 45.67.89.0/24: {fromSybilNet.Count} in the table of {table.Count}; all {honestNodes.Count} honest nodes in");
        Assert.InRange(fromSybilNet.Count, 1, KademliaConstants.TableIpLimit);
        foreach (var bucket in fromSybilNet.GroupBy(e => KademliaConstants.BucketIndex(NodeDistance.LogDistance(self.Hash, e.Node.Id.Hash))))
            Assert.InRange(bucket.Count(), 1, KademliaConstants.BucketIpLimit);
    }

    [Fact]
    [Trait("Category", "Long")]
    public async Task A_garbage_flood_is_shed_and_counted_and_leaves_table_and_database_intact()
    {
        int perSecond = 10_000;
        var duration = HostileScale.Pick(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        using var dir = new TempDir();
        var now = DateTimeOffset.UtcNow;
        var known = Enumerable.Range(0, 20).Select(i => new StoredNode(
            NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey())),
            IPAddress.Parse($"10.{i}.0.1"), 30303, 30303, null, now - TimeSpan.FromMinutes(5))).ToList();
        using (var db = SqliteNodeDatabase.Open(dir.Path))
        {
            foreach (var node in known)
            {
                db.UpsertNode(node);
                db.SetLastPongReceived(node.Id, node.Ip, node.LastSeen);
            }
        }
        var actor = Sys.ActorOf(DiscoveryActor.Props(new DiscoverySettings
        {
            PrivateKey = Secp256k1.GeneratePrivateKey(),
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            TcpPort = 30303,
            NodeDatabaseFactory = () => SqliteNodeDatabase.Open(dir.Path),
            RandomLookupsPerRefresh = 0,
            // The seeded nodes do not exist: keep revalidation from evicting them while we watch the flood.
            UnprovenRevalidationInterval = TimeSpan.FromHours(1),
            ProvenRevalidationInterval = TimeSpan.FromHours(1),
        }), "flooded");
        var before = Table(actor).Select(e => e.Node.Id).OrderBy(id => id.ToHex()).ToList();
        Assert.Equal(known.Count, before.Count);
        actor.Tell(GetLocalRecord.Instance);
        var port = ExpectMsg<LocalRecord>(HostileScale.Patience(10)).UdpPort;

        var (sent, slowestAnswer) = await FloodAsync(actor, new IPEndPoint(IPAddress.Loopback, port), perSecond, duration);

        var stats = await actor.Ask<DiscoveryStats>(GetDiscoveryStats.Instance, HostileScale.Patience(10));
        _output.WriteLine($"{sent} garbage datagrams in {duration.TotalSeconds} s: {stats.PacketsReceived} reached the actor " +
            $"({stats.DroppedFor(DiscoveryDrop.BadPacket)} bad), {stats.DroppedFor(DiscoveryDrop.Overloaded)} shed at the intake; " +
            $"the rest lost in the kernel's socket buffer; slowest stats answer during the flood {slowestAnswer.TotalMilliseconds:0} ms");
        Assert.True(stats.PacketsReceived > 0);
        Assert.Equal(stats.PacketsReceived, stats.DroppedFor(DiscoveryDrop.BadPacket));
        Assert.True(stats.PacketsReceived + stats.DroppedFor(DiscoveryDrop.Overloaded) <= sent);
        Assert.Equal(before, Table(actor).Select(e => e.Node.Id).OrderBy(id => id.ToHex()));

        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);
        using (var raw = NodeDbFixtures.Raw(dir.DbFile))
            Assert.Equal("ok", NodeDbFixtures.Scalar(raw, "PRAGMA integrity_check"));
        using var reopened = SqliteNodeDatabase.Open(dir.Path);
        Assert.Null(reopened.RecoveryNote);
        Assert.All(known, k => Assert.Equal(k.Id, reopened.GetNode(k.Id)?.Id));
    }

    /// <summary>Random datagrams (0 to 1,400 bytes) from three 127.0.0.x sources at the given rate; meanwhile the actor must keep answering.</summary>
    private static async Task<(long Sent, TimeSpan SlowestAnswer)> FloodAsync(IActorRef actor, IPEndPoint target, int perSecond, TimeSpan duration)
    {
        var sockets = Enumerable.Range(2, 3).Select(i =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(IPAddress.Parse($"127.0.0.{i}"), 0));
            return s;
        }).ToList();
        try
        {
            var random = new Random(9);
            var buffer = new byte[1400];
            long sent = 0;
            var slowest = TimeSpan.Zero;
            var clock = Stopwatch.StartNew();
            var nextProbe = TimeSpan.Zero;
            while (clock.Elapsed < duration)
            {
                long due = (long)(clock.Elapsed.TotalSeconds * perSecond);
                for (; sent < due; sent++)
                {
                    random.NextBytes(buffer);
                    sockets[(int)(sent % sockets.Count)].SendTo(buffer.AsSpan(0, random.Next(buffer.Length + 1)), SocketFlags.None, target);
                }
                if (clock.Elapsed >= nextProbe)
                {
                    var asked = Stopwatch.StartNew();
                    await actor.Ask<DiscoveryStats>(GetDiscoveryStats.Instance, HostileScale.Patience(5));
                    slowest = asked.Elapsed > slowest ? asked.Elapsed : slowest;
                    nextProbe = clock.Elapsed + TimeSpan.FromMilliseconds(500);
                }
                await Task.Delay(5);
            }
            return (sent, slowest);
        }
        finally
        {
            foreach (var s in sockets)
                s.Dispose();
        }
    }

    private IReadOnlyList<TableNodeInfo> Table(IActorRef actor)
    {
        actor.Tell(GetTableNodes.Instance);
        return ExpectMsg<TableNodes>(HostileScale.Patience(10)).Nodes; // the first answer waits for the actor's start (SQLite, signing our record)
    }

    private DiscoveryStats Stats(IActorRef actor)
    {
        actor.Tell(GetDiscoveryStats.Instance);
        return ExpectMsg<DiscoveryStats>();
    }

    private sealed record NodeEndpointAndId(NodeId Id, int Index);
}
