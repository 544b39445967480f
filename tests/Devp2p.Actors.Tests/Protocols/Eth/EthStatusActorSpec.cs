using System.Numerics;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Protocols.Eth;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Eth;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Protocols.Eth;

/// <summary>
/// The eth/68 Status actor against a TestProbe standing in for its PeerActor, on virtual time:
/// what it sends, which Status it accepts, and the Disconnect reason for each failure.
/// </summary>
public sealed class EthStatusActorSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private const ulong HeadNumber = 24_000_000, HeadTime = 1_770_000_000; // mainnet after BPO2
    private static readonly byte[] HeadHash = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly EthProtocolOptions Options = new(ChainSpec.Mainnet, new EthHead(HeadHash, HeadNumber, HeadTime, 0));

    private static StatusMessage RemoteStatus(uint version = 68, ulong network = 1, byte[]? genesis = null, ForkId? forkId = null,
        BigInteger? td = null) =>
        new(version, network, td ?? new BigInteger(58_750_000_000_000_000_000_000m), Enumerable.Repeat((byte)0xee, 32).ToArray(),
            genesis ?? ChainSpec.Mainnet.GenesisHash.ToArray(), forkId ?? ChainSpec.Mainnet.ForkIdAt(HeadNumber, HeadTime));

    /// <summary>Starts the actor as the PeerActor would and consumes the Status it sends first.</summary>
    private (IActorRef Actor, TestProbe Peer) Start(EthProtocolOptions? options = null)
    {
        var peer = CreateTestProbe("peer");
        var hello = new Hello(5, "remote/test", [new Capability("eth", 68)], 0, new byte[64]);
        var context = new ProtocolContext(NodeId.FromBytes(Enumerable.Repeat((byte)7, 64).ToArray()), hello,
            new MatchedCapability("eth", 68, 0x10, 17), Inbound: false, RemoteEndPoint: null, peer.Ref);
        var registration = EthProtocol.Registration(options ?? Options);
        var actor = Sys.ActorOf(registration.CreateProps(context));
        peer.ExpectMsg<ProtocolSend>(s => s.Protocol == "eth" && s.Code == EthMessageCodes.Status);
        return (actor, peer);
    }

    private static void ExpectDisconnect(TestProbe peer, DisconnectReason reason) =>
        peer.ExpectMsg<ProtocolDisconnect>(d => Assert.Equal(new ProtocolDisconnect("eth", reason), d));

    [Fact]
    public void Registration_is_eth_68_with_17_codes()
    {
        var registration = EthProtocol.Registration(Options);
        Assert.Equal("eth", registration.Name);
        Assert.Equal(68u, registration.Version);
        Assert.Equal(17, registration.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => EthProtocol.Registration(Options with { StatusTimeout = TimeSpan.Zero }));
    }

    [Fact]
    public void Options_at_genesis_announce_the_genesis_fork_id()
    {
        var status = EthProtocolOptions.AtGenesis(ChainSpec.Sepolia).LocalStatus(68);
        Assert.Equal(new ForkId(0xfe3366e7, 1735371), status.ForkId);
        Assert.Equal(11155111UL, status.NetworkId);
        Assert.True(status.BestHash.SequenceEqual(ChainSpec.Sepolia.GenesisHash));
        Assert.Equal(EthProtocolOptions.DefaultStatusTimeout, EthProtocolOptions.AtGenesis(ChainSpec.Mainnet).StatusTimeout);
        Assert.Throws<ArgumentException>(() => new EthHead(new byte[31], 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EthHead(new byte[32], 0, 0, -1));
    }

    [Fact]
    public void Sends_our_status_first()
    {
        var peer = CreateTestProbe("peer");
        var hello = new Hello(5, "remote/test", [new Capability("eth", 68)], 0, new byte[64]);
        var context = new ProtocolContext(NodeId.FromBytes(new byte[64]), hello, new MatchedCapability("eth", 68, 0x10, 17), true, null, peer.Ref);
        Sys.ActorOf(EthProtocol.Registration(Options).CreateProps(context));
        var sent = peer.ExpectMsg<ProtocolSend>();
        Assert.Equal(("eth", 0UL), (sent.Protocol, sent.Code));
        var status = StatusMessage.Decode(sent.Payload.Span);
        Assert.Equal(68u, status.ProtocolVersion);
        Assert.Equal(1UL, status.NetworkId);
        Assert.Equal(BigInteger.Zero, status.TotalDifficulty);
        Assert.Equal(HeadHash, status.BestHash.ToArray());
        Assert.Equal(ChainSpec.Mainnet.GenesisHash.ToArray(), status.GenesisHash.ToArray());
        Assert.Equal(new ForkId(0x07c9462e, 0), status.ForkId);
    }

    [Fact]
    public void A_good_status_publishes_peer_info_and_the_peer_stays_up()
    {
        var (actor, peer) = Start();
        var remote = RemoteStatus();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, remote.Encode()));
        var update = peer.ExpectMsg<ProtocolInfoUpdate>();
        Assert.Equal("eth", update.Protocol);
        var info = Assert.IsType<EthPeerInfo>(update.Info);
        Assert.Equal(new EthPeerInfo(68, 1, "0x" + new string('e', 64), remote.TotalDifficulty, new ForkId(0x07c9462e, 0)), info);

        Advance(TimeSpan.FromSeconds(30)); // the Status timer was cancelled
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        actor.Tell(GetEthPeerStats.Instance);
        ExpectMsg(new EthPeerStats(true, 0));
    }

    [Fact]
    public void A_syncing_peer_one_fork_behind_that_knows_our_next_fork_is_accepted()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(0, RemoteStatus(forkId: new ForkId(0xc376cf8b, 1764798551)).Encode()));
        peer.ExpectMsg<ProtocolInfoUpdate>();
    }

    [Fact]
    public void No_status_within_the_timeout_is_read_timeout()
    {
        var (_, peer) = Start();
        Advance(TimeSpan.FromSeconds(4.9));
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Advance(TimeSpan.FromSeconds(0.2));
        ExpectDisconnect(peer, DisconnectReason.ReadTimeout);
        Advance(TimeSpan.FromSeconds(10));
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // one Disconnect, not two
    }

    [Fact]
    public void The_timeout_is_configurable()
    {
        var (_, peer) = Start(Options with { StatusTimeout = TimeSpan.FromSeconds(1) });
        Advance(TimeSpan.FromSeconds(1));
        ExpectDisconnect(peer, DisconnectReason.ReadTimeout);
    }

    public static TheoryData<string, byte[]> BadStatuses => new()
    {
        { "network id", RemoteStatus(network: 11155111).Encode() },
        { "version", RemoteStatus(version: 67).Encode() },
        { "genesis", RemoteStatus(genesis: ChainSpec.Sepolia.GenesisHash.ToArray()).Encode() },
        { "fork id incompatible", RemoteStatus(forkId: new ForkId(0x12345678, 0)).Encode() },
        { "fork id remote stale", RemoteStatus(forkId: new ForkId(0xc376cf8b, 0)).Encode() },
        { "fork id of a passed remote-only fork", RemoteStatus(forkId: new ForkId(0x07c9462e, 1_769_000_000)).Encode() },
        { "malformed rlp", [0xf8, 0x54, 0x44, 0x01] },
        { "not a list", [0x80] },
    };

    [Theory]
    [MemberData(nameof(BadStatuses))]
    public void A_bad_status_is_subprotocol_error(string why, byte[] payload)
    {
        Assert.NotEmpty(why);
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, payload));
        ExpectDisconnect(peer, DisconnectReason.SubprotocolError);
        Advance(TimeSpan.FromSeconds(10)); // no timeout after the failure
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_message_before_status_is_subprotocol_error()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Transactions, new byte[] { 0xc0 }));
        ExpectDisconnect(peer, DisconnectReason.SubprotocolError);
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, RemoteStatus().Encode())); // too late: ignored
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_oversized_status_is_subprotocol_error()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, new byte[EthMessageCodes.MaxMessageSize + 1]));
        ExpectDisconnect(peer, DisconnectReason.SubprotocolError);
    }

    [Fact]
    public void A_second_status_is_subprotocol_error()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, RemoteStatus().Encode()));
        peer.ExpectMsg<ProtocolInfoUpdate>();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, RemoteStatus().Encode()));
        ExpectDisconnect(peer, DisconnectReason.SubprotocolError);
    }

    [Fact]
    public void Other_eth_messages_after_status_are_counted_and_not_answered()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(EthMessageCodes.Status, RemoteStatus().Encode()));
        peer.ExpectMsg<ProtocolInfoUpdate>();
        foreach (ulong code in new[] { EthMessageCodes.GetBlockHeaders, EthMessageCodes.Transactions, EthMessageCodes.NewPooledTransactionHashes })
            actor.Tell(new ProtocolMessage(code, new byte[] { 0xc0 }));
        actor.Tell(GetEthPeerStats.Instance);
        ExpectMsg(new EthPeerStats(true, 3));
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stats_before_the_handshake()
    {
        var (actor, _) = Start();
        actor.Tell(GetEthPeerStats.Instance);
        ExpectMsg(new EthPeerStats(false, 0));
    }
}
