using System.Net;
using System.Security.Cryptography;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Cli.Commands.Testnet;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Tests.Testnet;

/// <summary>
/// Drop and handshake counting: both on the dialing side only, so over a network each connection and
/// each drop counts once and handshakes − drops is the number of connections up.
/// </summary>
public sealed class NodeStatsTests
{
    private static NodeId NewId() => NodeId.FromBytes(RandomNumberGenerator.GetBytes(64));

    private static PeerAdded Added(NodeId id, bool inbound) =>
        new(new PeerInfo(id, "test", [], [], null, null, inbound, false, false, DateTimeOffset.UnixEpoch));

    private static PeerDropped Dropped(NodeId id, DisconnectReason reason, bool remote) => new(id, "test", reason, remote, null);

    [Fact]
    public void Drops_of_dialed_peers_count_by_reason_whoever_decided()
    {
        var stats = new NodeStats(3);
        NodeId a = NewId(), b = NewId(), c = NewId(), d = NewId();
        Assert.True(stats.Apply(Added(a, inbound: false)));
        Assert.True(stats.Apply(Added(b, inbound: false)));
        Assert.True(stats.Apply(Added(c, inbound: false)));
        Assert.True(stats.Apply(Added(d, inbound: true)));

        // The remote's checkpoint rejected our dial (simultaneous dials), we dropped one, and an inbound peer left.
        Assert.True(stats.Apply(Dropped(a, DisconnectReason.AlreadyConnected, remote: true)));
        Assert.True(stats.Apply(Dropped(b, DisconnectReason.ReadTimeout, remote: false)));
        Assert.True(stats.Apply(Dropped(d, DisconnectReason.TooManyPeers, remote: false)));

        var s = stats.Snapshot();
        Assert.Equal(3, s.Index);
        Assert.Equal(1, s.Peers);
        Assert.Equal(3, s.Handshakes);
        Assert.Equal(new Dictionary<DisconnectReason, long> { [DisconnectReason.AlreadyConnected] = 1, [DisconnectReason.ReadTimeout] = 1 }, s.Drops);
        Assert.Equal(1, s.Handshakes - s.Drops.Values.Sum());
    }

    [Fact]
    public void A_session_replacing_an_earlier_one_counts_once_whichever_event_comes_first()
    {
        // The inbound session from a left the server's table and a's dial was admitted at once; the old
        // PeerActor's PeerDropped reaches the stats after the new one's PeerAdded.
        var stats = new NodeStats(0);
        var a = NewId();
        Assert.True(stats.Apply(Added(a, inbound: true)));
        Assert.True(stats.Apply(Added(a, inbound: false)));
        Assert.Equal(1, stats.PeerCount);
        Assert.True(stats.Apply(Dropped(a, DisconnectReason.AlreadyConnected, remote: true))); // the inbound one: not ours to count
        Assert.Equal(1, stats.PeerCount);
        var s = stats.Snapshot();
        Assert.Equal(1, s.Handshakes);
        Assert.Empty(s.Drops);

        Assert.True(stats.Apply(Dropped(a, DisconnectReason.Requested, remote: false))); // the dialed one
        Assert.False(stats.Apply(Dropped(a, DisconnectReason.Requested, remote: false)));
        Assert.False(stats.Apply(Dropped(NewId(), DisconnectReason.Requested, remote: false)));
        s = stats.Snapshot();
        Assert.Equal(0, s.Peers);
        Assert.Equal(1, Assert.Single(s.Drops).Value);
        Assert.Equal(0, s.Handshakes - s.Drops.Values.Sum());
    }

    private static PeerAdded Added(NodeId id, bool inbound, int localPort, int remotePort) =>
        new(new PeerInfo(id, "test", [], [], new IPEndPoint(IPAddress.Loopback, localPort), new IPEndPoint(IPAddress.Loopback, remotePort),
            inbound, false, false, DateTimeOffset.UnixEpoch));

    [Fact]
    public void A_peer_counts_as_admitted_by_both_ends_only_through_a_connection_both_nodes_added()
    {
        NodeId a = NewId(), b = NewId(), c = NewId();
        var statsA = new NodeStats(0);
        var statsB = new NodeStats(1);
        var statsC = new NodeStats(2);
        // a dialed b from port 5000 to b's listener on 6000; both added it.
        statsA.Apply(Added(b, inbound: false, localPort: 5000, remotePort: 6000));
        statsB.Apply(Added(a, inbound: true, localPort: 6000, remotePort: 5000));
        // Crossing dials between a and c: each admitted the other's dial and rejected its own, so each
        // counts the other through a different connection, which the other end never added.
        statsA.Apply(Added(c, inbound: true, localPort: 7000, remotePort: 5001));
        statsC.Apply(Added(a, inbound: true, localPort: 8000, remotePort: 5002));

        var counts = new Dictionary<ConnectionKey, int>();
        foreach (var stats in new[] { statsA, statsB, statsC })
            stats.CountConnections(counts);

        Assert.Equal(2, statsA.PeerCount);
        Assert.Equal(1, statsA.PeersAdmittedByBothEnds(counts));
        Assert.Equal(1, statsB.PeersAdmittedByBothEnds(counts));
        Assert.Equal(1, statsC.PeerCount);
        Assert.Equal(0, statsC.PeersAdmittedByBothEnds(counts));
    }

    [Fact]
    public void Messages_and_table_size_are_tracked()
    {
        var stats = new NodeStats(0);
        var a = NewId();
        Assert.False(stats.Apply(new PeerMessageEvent(a, "echo", 1, 0, 4, MessageDirection.Sent)));
        Assert.False(stats.Apply(new PeerMessageEvent(a, "echo", 1, 1, 4, MessageDirection.Received)));
        var node = new Discv4Node(a, new NodeEndpoint(System.Net.IPAddress.Loopback, 30303, 30303));
        Assert.False(stats.Apply(new DiscoveryTableChanged(TableChange.Added, node, 7)));
        Assert.False(stats.Apply(new DiscoveryTableChanged(TableChange.Removed, node, 6)));

        var s = stats.Snapshot();
        Assert.Equal(2, s.Messages);
        Assert.Equal(6, s.TableSize);
        Assert.Equal(0, s.Peers);
    }

    [Fact]
    public void Network_totals_sum_drops_of_all_nodes_by_reason()
    {
        var nodes = new[]
        {
            new NodeSnapshot(0, 2, 3, 5, 10, new Dictionary<DisconnectReason, long> { [DisconnectReason.AlreadyConnected] = 2 }),
            new NodeSnapshot(1, 2, 3, 4, 20, new Dictionary<DisconnectReason, long> { [DisconnectReason.AlreadyConnected] = 1, [DisconnectReason.UselessPeer] = 1 }),
            new NodeSnapshot(2, 1, 3, 0, 5, new Dictionary<DisconnectReason, long>()),
        };
        var snapshot = new TestnetSnapshot(TimeSpan.FromSeconds(3), 2, nodes, 0);

        Assert.Equal(9, snapshot.Handshakes);
        Assert.Equal(35, snapshot.Messages);
        Assert.Equal(2, snapshot.NodesAtTarget);
        Assert.Equal([KeyValuePair.Create(DisconnectReason.UselessPeer, 1L), KeyValuePair.Create(DisconnectReason.AlreadyConnected, 3L)], snapshot.Drops);
    }
}
