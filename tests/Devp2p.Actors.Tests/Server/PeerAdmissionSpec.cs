using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Tests.Server;

public sealed class PeerAdmissionSpec
{
    private static readonly NodeId Self = TestNodes.Id(0);
    private static readonly NodeId A = TestNodes.Id(1);
    private static readonly NodeId B = TestNodes.Id(2);

    private static PeerSetView Set(int count, int inbound, params NodeId[] connected) =>
        new(count, inbound, id => connected.Contains(id));

    // MaxPeers 6, 2 dialed, so at most 4 inbound.
    private static readonly PeerAdmission Rules = new(Self, maxPeers: 6, maxInbound: 4, requiresProtocol: true);

    [Fact]
    public void Passes_a_new_node_under_the_limits()
    {
        Assert.Null(Rules.PostHandshake(A, inbound: true, trusted: false, Set(0, 0)));
        Assert.Null(Rules.AddPeer(A, inbound: false, trusted: false, matchedCapabilities: 1, Set(5, 4)));
    }

    [Fact]
    public void Refuses_self()
    {
        Assert.Equal(DisconnectReason.Self, Rules.PostHandshake(Self, inbound: false, trusted: false, Set(0, 0)));
    }

    [Fact]
    public void Refuses_a_node_already_in_the_set()
    {
        Assert.Equal(DisconnectReason.AlreadyConnected, Rules.PostHandshake(A, inbound: false, trusted: false, Set(1, 0, A)));
        Assert.Null(Rules.PostHandshake(B, inbound: false, trusted: false, Set(1, 0, A)));
    }

    [Fact]
    public void Refuses_when_the_set_is_full_before_checking_duplicates()
    {
        Assert.Equal(DisconnectReason.TooManyPeers, Rules.PostHandshake(A, inbound: false, trusted: false, Set(6, 0, A)));
    }

    [Fact]
    public void Refuses_inbound_past_the_inbound_share_but_not_outbound()
    {
        Assert.Equal(DisconnectReason.TooManyPeers, Rules.PostHandshake(A, inbound: true, trusted: false, Set(4, 4)));
        Assert.Null(Rules.PostHandshake(A, inbound: false, trusted: false, Set(4, 4)));
        Assert.Null(Rules.PostHandshake(A, inbound: true, trusted: false, Set(4, 3)));
    }

    [Fact]
    public void Trusted_nodes_skip_both_limits_but_not_the_duplicate_and_self_rules()
    {
        Assert.Null(Rules.PostHandshake(A, inbound: true, trusted: true, Set(6, 6)));
        Assert.Equal(DisconnectReason.AlreadyConnected, Rules.PostHandshake(A, inbound: true, trusted: true, Set(9, 9, A)));
        Assert.Equal(DisconnectReason.Self, Rules.PostHandshake(Self, inbound: true, trusted: true, Set(9, 9)));
    }

    [Fact]
    public void Add_peer_refuses_a_useless_peer_first_then_repeats_the_post_handshake_rules()
    {
        Assert.Equal(DisconnectReason.UselessPeer, Rules.AddPeer(A, inbound: false, trusted: true, matchedCapabilities: 0, Set(9, 0, A)));
        Assert.Equal(DisconnectReason.TooManyPeers, Rules.AddPeer(A, inbound: false, trusted: false, matchedCapabilities: 1, Set(6, 0)));
        Assert.Equal(DisconnectReason.AlreadyConnected, Rules.AddPeer(A, inbound: false, trusted: false, matchedCapabilities: 1, Set(1, 0, A)));
    }

    [Fact]
    public void Without_configured_protocols_no_peer_is_useless()
    {
        var rules = PeerAdmission.From(TestNodes.Settings(), Self);
        Assert.Null(rules.AddPeer(A, inbound: false, trusted: false, matchedCapabilities: 0, Set(0, 0)));
        var withProtocol = PeerAdmission.From(TestNodes.Settings() with
        {
            Protocols = [new ProtocolRegistration("echo", 1, 2, _ => throw new NotSupportedException())],
        }, Self);
        Assert.Equal(DisconnectReason.UselessPeer, withProtocol.AddPeer(A, inbound: false, trusted: false, matchedCapabilities: 0, Set(0, 0)));
    }

    [Theory]
    [InlineData(50, 3, false, 16, 34)]
    [InlineData(2, 3, false, 1, 1)]
    [InlineData(10, 0, false, 3, 7)]
    [InlineData(10, 3, true, 0, 10)]
    [InlineData(0, 3, false, 0, 0)]
    public void Limits_split_max_peers_like_geth(int maxPeers, int ratio, bool noDial, int dialed, int inbound)
    {
        var settings = TestNodes.Settings() with { MaxPeers = maxPeers, DialRatio = ratio, NoDial = noDial };
        Assert.Equal(dialed, PeerLimits.MaxDialedConns(settings));
        Assert.Equal(inbound, PeerLimits.MaxInboundConns(settings));
    }
}
