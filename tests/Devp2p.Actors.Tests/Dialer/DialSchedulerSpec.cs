using System.Net;
using Devp2p.Actors.Dialer;
using Devp2p.Actors.Tests.Server;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Dialer;

public sealed class DialSchedulerSpec
{
    private static readonly TimeSpan History = TimeSpan.FromSeconds(35);
    private TimeSpan _now = TimeSpan.FromMinutes(10);

    private DialScheduler Make(int maxDialed = 4, int maxActive = 50, IReadOnlyList<IpPrefix>? restrict = null) =>
        new(new DialSchedulerOptions(TestNodes.Id(0), maxDialed, maxActive, History, restrict), () => _now, new Random(7));

    [Fact]
    public void Free_slots_are_twice_the_free_dialed_peer_slots_capped_by_max_active_dials_minus_dials_in_flight()
    {
        var s = Make(maxDialed: 4, maxActive: 50);
        Assert.Equal(8, s.FreeSlots);
        s.PeerAdded(TestNodes.Id(1), inbound: false);
        Assert.Equal(6, s.FreeSlots);
        s.PeerAdded(TestNodes.Id(2), inbound: true);
        Assert.Equal(6, s.FreeSlots); // inbound peers do not use dial slots
        Assert.Equal(DialRefusal.None, s.TryStartDial(TestNodes.Enode(3)));
        Assert.Equal(5, s.FreeSlots);
        Assert.Equal(3, make_capped().FreeSlots);

        DialScheduler make_capped() => Make(maxDialed: 10, maxActive: 3);
    }

    [Fact]
    public void No_dial_starts_without_a_free_slot()
    {
        var s = Make(maxDialed: 1);
        Assert.Equal(DialRefusal.None, s.TryStartDial(TestNodes.Enode(1)));
        Assert.Equal(DialRefusal.None, s.TryStartDial(TestNodes.Enode(2)));
        Assert.Equal(DialRefusal.NoFreeSlot, s.TryStartDial(TestNodes.Enode(3)));
        s.DialFailed(TestNodes.Id(1));
        Assert.Equal(DialRefusal.None, s.TryStartDial(TestNodes.Enode(3)));
    }

    [Fact]
    public void Refuses_self_and_nodes_without_address_or_tcp_port()
    {
        var s = Make();
        Assert.Equal(DialRefusal.Self, s.Check(TestNodes.Enode(0)));
        Assert.Equal(DialRefusal.NoAddress, s.Check(new EnodeUrl(TestNodes.Id(1), null, 0, 0)));
        Assert.Equal(DialRefusal.NoTcpPort, s.Check(new EnodeUrl(TestNodes.Id(1), IPAddress.Parse("10.0.0.1"), 0, 30303)));
    }

    [Fact]
    public void Refuses_nodes_being_dialed_connected_or_pending_inbound()
    {
        var s = Make();
        s.TryStartDial(TestNodes.Enode(1));
        Assert.Equal(DialRefusal.AlreadyDialing, s.Check(TestNodes.Enode(1)));
        s.PeerAdded(TestNodes.Id(2), inbound: true);
        Assert.Equal(DialRefusal.AlreadyConnected, s.Check(TestNodes.Enode(2)));
        s.InboundPending(TestNodes.Id(3));
        Assert.Equal(DialRefusal.PendingInbound, s.Check(TestNodes.Enode(3)));
        s.InboundEnded(TestNodes.Id(3));
        Assert.Equal(DialRefusal.None, s.Check(TestNodes.Enode(3)));
    }

    [Fact]
    public void Refuses_nodes_outside_net_restrict()
    {
        var s = Make(restrict: [IpPrefix.Parse("10.0.0.0/8")]);
        Assert.Equal(DialRefusal.None, s.Check(TestNodes.Enode(1, "10.2.3.4")));
        Assert.Equal(DialRefusal.NetRestrict, s.Check(TestNodes.Enode(1, "11.2.3.4")));
    }

    [Fact]
    public void A_dialed_node_is_not_dialed_again_within_the_history_window()
    {
        var s = Make();
        var node = TestNodes.Enode(1);
        s.TryStartDial(node);
        s.PeerAdded(node.Id, inbound: false);
        s.PeerRemoved(node.Id);
        _now += History - TimeSpan.FromSeconds(1);
        Assert.Equal(DialRefusal.RecentlyDialed, s.Check(node));
        _now += TimeSpan.FromSeconds(1);
        Assert.Equal(DialRefusal.None, s.Check(node));
        Assert.Equal(0, s.HistoryCount);
    }

    [Fact]
    public void Static_nodes_are_started_up_to_the_free_slots_and_only_when_dialable()
    {
        var s = Make(maxDialed: 1); // 2 slots
        for (var i = 1; i <= 4; i++) s.AddStatic(TestNodes.Enode(i));
        s.AddStatic(new EnodeUrl(TestNodes.Id(5), null, 0, 0));
        var first = s.StartStaticDials();
        Assert.Equal(2, first.Count);
        Assert.All(first, n => Assert.True(s.IsDialing(n.Id)));
        Assert.Empty(s.StartStaticDials());
        s.DialFailed(first[0].Id);
        var second = s.StartStaticDials();
        Assert.Single(second);
        Assert.DoesNotContain(second[0], first);
    }

    [Fact]
    public void Static_order_is_random()
    {
        var orders = new HashSet<string>();
        for (var seed = 0; seed < 20; seed++)
        {
            var s = new DialScheduler(new DialSchedulerOptions(TestNodes.Id(0), 10, 50, History, null), () => _now, new Random(seed));
            for (var i = 1; i <= 5; i++) s.AddStatic(TestNodes.Enode(i));
            orders.Add(string.Join(",", s.StartStaticDials().Select(n => n.Id.ToShortString())));
        }
        Assert.True(orders.Count > 1);
    }

    [Fact]
    public void A_failing_static_node_backs_off_doubling_from_the_history_window_and_resets_on_success()
    {
        var s = Make();
        var node = TestNodes.Enode(1);
        s.AddStatic(node);
        Assert.Single(s.StartStaticDials());
        s.DialFailed(node.Id);
        Assert.Equal(History, s.NextStaticDue());
        _now += History;
        Assert.Single(s.StartStaticDials());
        s.DialFailed(node.Id);
        Assert.Equal(2, s.StaticFailures(node.Id));
        Assert.Equal(2 * History, s.NextStaticDue());
        _now += History;
        Assert.Empty(s.StartStaticDials());
        _now += History;
        Assert.Single(s.StartStaticDials());
        s.PeerAdded(node.Id, inbound: false);
        Assert.Equal(0, s.StaticFailures(node.Id));
        Assert.Null(s.NextStaticDue());
    }

    [Fact]
    public void Static_backoff_is_capped()
    {
        var s = Make();
        Assert.Equal(History, s.StaticBackoff(1));
        Assert.Equal(4 * History, s.StaticBackoff(3));
        Assert.Equal(TimeSpan.FromMinutes(5), s.StaticBackoff(10));
        Assert.Equal(TimeSpan.FromMinutes(5), s.StaticBackoff(1000));
    }

    [Fact]
    public void A_removed_static_node_is_no_longer_redialed()
    {
        var s = Make();
        var node = TestNodes.Enode(1);
        s.AddStatic(node);
        s.StartStaticDials();
        s.RemoveStatic(node.Id);
        s.DialFailed(node.Id);
        _now += TimeSpan.FromHours(1);
        Assert.Empty(s.StartStaticDials());
        Assert.Null(s.NextStaticDue());
    }

    [Fact]
    public void A_connected_static_node_that_drops_is_redialed_once_its_history_ends()
    {
        var s = Make();
        var node = TestNodes.Enode(1);
        s.AddStatic(node);
        s.StartStaticDials();
        s.PeerAdded(node.Id, inbound: false);
        Assert.Empty(s.StartStaticDials());
        _now += TimeSpan.FromSeconds(10);
        s.PeerRemoved(node.Id);
        Assert.Equal(TimeSpan.FromSeconds(25), s.NextStaticDue());
        _now += TimeSpan.FromSeconds(25);
        Assert.Single(s.StartStaticDials());
    }
}
