using Devp2p.Actors.Events;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>Stage 5 (running) and stage 6 (closing), in real time.</summary>
public sealed class PeerRunningSpec(ITestOutputHelper output) : PeerSpecBase(output)
{
    [Fact]
    public async Task Ping_is_answered_with_pong()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(P2pMessageCodes.Pong, code);
        Assert.Equal(new byte[] { 0xc0 }, payload);
    }

    [Fact]
    public async Task Remote_disconnect_closes_with_remote_requested()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        await remote.SendAsync(P2pMessageCodes.Disconnect, Disconnect.Encode(DisconnectReason.Quitting));
        var closed = ExpectClosed(DisconnectReason.Quitting, remoteRequested: true);
        Assert.Equal(RemoteId, closed.RemoteId);
        Assert.True(await remote.SeesCloseAsync());
    }

    [Fact]
    public async Task Incoming_messages_reach_the_protocol_actor_with_local_codes()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        await remote.SendAsync(0x12, [0x83, 1, 2, 3]);
        await remote.SendAsync(0x10, [0x80]);
        var first = ProtocolProbe.ExpectMsg<ProtocolMessage>();
        Assert.Equal(2UL, first.Code);
        Assert.Equal(new byte[] { 0x83, 1, 2, 3 }, first.Payload.ToArray());
        Assert.Equal(0UL, ProtocolProbe.ExpectMsg<ProtocolMessage>().Code);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(PeerFrameReader.Window - 1)]
    [InlineData(PeerFrameReader.Window)]
    [InlineData(PeerFrameReader.Window + 1)]
    [InlineData(3 * PeerFrameReader.Window + 5)]
    public async Task A_burst_in_one_socket_write_reaches_the_protocol_actor_whole_and_in_order(int count)
    {
        // One socket write carries the whole burst, so the reader finds the frames buffered and batches them.
        var (_, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        var burst = Enumerable.Range(0, count)
            .Select(i => new Protocol.Rlpx.OutgoingMessage(0x10 + (ulong)(i % 4), new byte[] { 0x82, (byte)(i >> 8), (byte)i }))
            .ToArray();
        await remote.Connection.WriteMessagesAsync(burst);
        for (int i = 0; i < count; i++)
        {
            var message = ProtocolProbe.ExpectMsg<ProtocolMessage>();
            Assert.Equal((ulong)(i % 4), message.Code);
            Assert.Equal(new byte[] { 0x82, (byte)(i >> 8), (byte)i }, message.Payload.ToArray());
        }
        ProtocolProbe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_disconnect_inside_a_burst_ends_the_session_and_what_follows_is_not_passed_on()
    {
        // Frames before the Disconnect are passed on (the protocol actor, stopped by the close, may not get to them:
        // then they are dead letters); frames after it are dropped by the PeerActor, never passed on at all.
        var dead = CreateTestProbe();
        Sys.EventStream.Subscribe(dead.Ref, typeof(global::Devp2p.Kernel.Event.DeadLetter));
        var (_, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        await remote.Connection.WriteMessagesAsync(new Protocol.Rlpx.OutgoingMessage[]
        {
            new(0x10, new byte[] { 0x01 }),
            new(0x11, new byte[] { 0x02 }),
            new(P2pMessageCodes.Disconnect, Disconnect.Encode(DisconnectReason.Quitting)),
            new(0x12, new byte[] { 0x03 }),
            new(0x13, new byte[] { 0x04 }),
        });
        ExpectClosed(DisconnectReason.Quitting, remoteRequested: true);

        var passedOn = new List<ulong>();
        foreach (var probe in new[] { ProtocolProbe, dead })
        {
            while (probe.ReceiveOne(TimeSpan.FromMilliseconds(200)) is { } m)
            {
                if ((m as global::Devp2p.Kernel.Event.DeadLetter)?.Message is ProtocolMessage { } late)
                    passedOn.Add(late.Code);
                else if (m is ProtocolMessage delivered)
                    passedOn.Add(delivered.Code);
            }
        }
        Assert.Equal([0UL, 1UL], passedOn.Order());
    }

    [Fact]
    public async Task Protocol_sends_go_out_with_the_capability_offset()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(3, [0x82, 9, 9])));
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(0x13UL, code);
        Assert.Equal(new byte[] { 0x82, 9, 9 }, payload);
    }

    [Fact]
    public async Task A_send_from_an_actor_that_is_not_the_protocol_is_dropped()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ProtocolSend("test", 1, new byte[] { 0x80 }), TestActor);
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(2, [0x01])));
        var (code, _) = await remote.ReadAsync();
        Assert.Equal(0x12UL, code); // the stranger's message never went out
    }

    [Fact]
    public async Task A_code_beyond_every_capability_is_a_protocol_error()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.SendAsync(0x14, [0x80]); // test/1 owns 0x10-0x13
        Assert.Equal(DisconnectReason.ProtocolError, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.ProtocolError);
    }

    [Fact]
    public async Task Unknown_base_protocol_codes_are_ignored_as_geth_does()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.SendAsync(0x05, [0xc0]);
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        Assert.Equal(P2pMessageCodes.Pong, (await remote.ReadAsync()).Code);
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_crashing_protocol_actor_disconnects_with_subprotocol_error()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", TestProtocol.ThrowCommand.Instance));
        Assert.Equal(DisconnectReason.SubprotocolError, await remote.ReadDisconnectAsync());
        var closed = ExpectClosed(DisconnectReason.SubprotocolError);
        Assert.Contains("test protocol failure", closed.Detail);
    }

    [Fact]
    public async Task A_protocol_actor_that_stops_disconnects_with_quitting()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", TestProtocol.StopCommand.Instance));
        Assert.Equal(DisconnectReason.Quitting, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.Quitting);
    }

    [Fact]
    public async Task A_protocol_actor_can_disconnect_with_its_own_reason()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", new TestProtocol.DisconnectCommand(DisconnectReason.UselessPeer)));
        Assert.Equal(DisconnectReason.UselessPeer, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.UselessPeer);
    }

    [Fact]
    public async Task The_server_can_disconnect_a_running_peer()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        peer.Tell(new DisconnectPeer(DisconnectReason.Requested));
        Assert.Equal(DisconnectReason.Requested, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.Requested);
        Assert.True(await remote.SeesCloseAsync());
    }

    [Fact]
    public async Task ToProtocol_keeps_the_sender_and_fails_for_an_unknown_protocol()
    {
        var (peer, _, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", TestProtocol.PingCommand.Instance), TestActor);
        ExpectMsg(new TestProtocol.Pong("test"));
        peer.Tell(new ToProtocol("eth", TestProtocol.PingCommand.Instance), TestActor);
        ExpectMsg<Status.Failure>();
    }

    [Fact]
    public async Task A_protocol_actor_query_is_answered_with_the_protocol_actor_itself()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", ProtocolActorQuery.Instance), TestActor);
        var answer = ExpectMsg<global::Devp2p.Actors.Server.ProtocolActorRef>();
        Assert.Equal(RemoteId, answer.Peer);
        Assert.Equal("test", answer.Protocol);

        // Told directly, without the PeerActor forwarding: the sender is kept and sends still go out.
        answer.Actor.Tell(TestProtocol.PingCommand.Instance, TestActor);
        ExpectMsg(new TestProtocol.Pong("test"));
        answer.Actor.Tell(new TestProtocol.SendCommand(1, [0x81, 0x7f]));
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(0x11UL, code);
        Assert.Equal(new byte[] { 0x81, 0x7f }, payload);

        peer.Tell(new ToProtocol("eth", ProtocolActorQuery.Instance), TestActor);
        ExpectMsg<Status.Failure>();
    }

    [Fact]
    public async Task A_full_write_queue_from_the_peer_actor_path_also_drops_the_peer()
    {
        // With message events on, protocol sends go through the PeerActor (no outlet): the same limit applies.
        SocketBufferSize = 16 * 1024;
        var (peer, _, _) = await RunningAsync(NodeSettings() with { WriteQueueCapacity = 4, EnableMessageEvents = true });
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        var incompressible = new byte[256 * 1024];
        new Random(7).NextBytes(incompressible);
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(0, incompressible, Count: 40)));
        var closed = ExpectClosed(DisconnectReason.NetworkError);
        Assert.Contains("write queue full", closed.Detail);
    }

    [Fact]
    public async Task Protocol_info_updates_reach_the_parent()
    {
        var (peer, _, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        peer.Tell(new ToProtocol("test", new TestProtocol.PublishInfoCommand("head 42")));
        var info = Parent.ExpectMsg<PeerProtocolInfo>();
        Assert.Equal(new PeerProtocolInfo(RemoteId, "test", "head 42"), info);
    }

    [Fact]
    public async Task Message_events_are_published_both_ways_when_enabled()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerMessageEvent));
        var (peer, remote, _) = await RunningAsync(NodeSettings() with { EnableMessageEvents = true });
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        await remote.SendAsync(0x11, [0x83, 1, 2, 3]);
        Assert.Equal(new PeerMessageEvent(RemoteId, "test", 1, 1, 4, MessageDirection.Received), events.ExpectMsg<PeerMessageEvent>());
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(2, [0x80])));
        Assert.Equal(new PeerMessageEvent(RemoteId, "test", 1, 2, 1, MessageDirection.Sent), events.ExpectMsg<PeerMessageEvent>());
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        Assert.Equal(new PeerMessageEvent(RemoteId, "p2p", 5, 2, 1, MessageDirection.Received), events.ExpectMsg<PeerMessageEvent>());
        Assert.Equal(new PeerMessageEvent(RemoteId, "p2p", 5, 3, 1, MessageDirection.Sent), events.ExpectMsg<PeerMessageEvent>());
    }

    [Fact]
    public async Task No_message_events_by_default()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerMessageEvent));
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        await remote.ReadUntilAsync(P2pMessageCodes.Pong);
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_remote_that_never_reads_overflows_the_write_queue_and_is_dropped()
    {
        SocketBufferSize = 16 * 1024;
        var (peer, _, _) = await RunningAsync(NodeSettings() with { WriteQueueCapacity = 4 });
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        var incompressible = new byte[256 * 1024];
        new Random(7).NextBytes(incompressible);
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(0, incompressible, Count: 40)));
        var closed = ExpectClosed(DisconnectReason.NetworkError);
        Assert.Contains("write queue full", closed.Detail);
    }

    [Fact]
    public async Task Garbage_in_place_of_a_frame_is_a_protocol_error()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.Stream.WriteAsync(Enumerable.Repeat((byte)0x5a, 64).ToArray());
        Assert.Equal(RemoteId, ExpectClosed(DisconnectReason.ProtocolError).RemoteId);
    }

    [Fact]
    public async Task A_remote_that_closes_the_socket_is_a_network_error()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        remote.Stream.Dispose();
        ExpectClosed(DisconnectReason.NetworkError);
    }

    [Fact]
    public async Task Messages_after_closing_are_not_answered_with_a_second_close()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        peer.Tell(new DisconnectPeer(DisconnectReason.Requested));
        peer.Tell(new DisconnectPeer(DisconnectReason.TooManyPeers));
        Assert.Equal(DisconnectReason.Requested, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.Requested);
    }

    [Fact]
    public async Task A_protocol_actor_that_fails_to_start_is_a_subprotocol_error()
    {
        var failing = new ProtocolRegistration("test", 1, 4, _ => Props.Create<FailingProtocolActor>());
        var (_, remote, _) = await RunningAsync(NodeSettings(failing));
        Assert.Equal(DisconnectReason.SubprotocolError, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.SubprotocolError);
    }

    [Fact]
    public async Task A_parent_that_stops_the_peer_closes_the_socket()
    {
        var (peer, remote, _) = await RunningAsync(NodeSettings());
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        Sys.Stop(peer);
        Assert.True(await remote.SeesCloseAsync());
    }

    private sealed class FailingProtocolActor : ReceiveActor
    {
        public FailingProtocolActor() => throw new InvalidOperationException("cannot start");
    }
}
