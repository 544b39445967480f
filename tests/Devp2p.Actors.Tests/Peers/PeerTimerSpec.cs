using Devp2p.Actors.Peers;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>Every deadline of the PeerActor is an actor timer: driven here by virtual time, no sleeps.</summary>
public sealed class PeerTimerSpec(ITestOutputHelper output) : PeerSpecBase(output, useVirtualTime: true)
{
    [Fact]
    public async Task The_enc_handshake_deadline_closes_without_a_disconnect()
    {
        var settings = NodeSettings();
        var (_, tcp) = await StartPeerAsync(settings);
        AwaitCondition(() => VirtualScheduler!.PendingCount > 0); // the deadline timer is armed
        Advance(settings.HandshakeTimeout - TimeSpan.FromMilliseconds(1));
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));

        var closed = Parent.ExpectMsg<PeerClosed>();
        Assert.Null(closed.RemoteId);
        Assert.Equal(DisconnectReason.ReadTimeout, closed.Reason);
        Parent.ExpectMsg<ChildTerminated>();
        // Not a byte was sent: the remote reads the end of the stream at once.
        Assert.Equal(0, await tcp.A.ReadAsync(new byte[16]).AsTask().WaitAsync(RemotePeer.ReadDeadline));
    }

    [Fact]
    public async Task The_hello_deadline_sends_disconnect_read_timeout()
    {
        var settings = NodeSettings();
        var (_, remote) = await ConnectAsync(settings);
        Parent.ExpectMsg<PostHandshake>();
        Parent.Reply(CheckpointPassed.Instance);
        Assert.Equal(P2pMessageCodes.Hello, (await remote.ReadAsync()).Code); // sent after the timer was armed
        Advance(settings.HelloTimeout);

        Assert.Equal(DisconnectReason.ReadTimeout, await remote.ReadDisconnectAsync());
        var closed = ExpectClosed(DisconnectReason.ReadTimeout);
        Assert.Equal(RemoteId, closed.RemoteId);
    }

    [Fact]
    public async Task A_hello_in_time_cancels_the_deadline()
    {
        var settings = NodeSettings();
        var (_, remote, _) = await RunningAsync(settings);
        Advance(settings.HelloTimeout + settings.HandshakeTimeout);
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        Assert.Equal(P2pMessageCodes.Pong, (await remote.ReadAsync()).Code);
    }

    [Fact]
    public async Task We_ping_on_the_interval()
    {
        var settings = NodeSettings() with { ReadTimeout = TimeSpan.FromMinutes(10) };
        var (_, remote) = await RunningSyncedAsync(settings);
        Advance(settings.PingInterval);
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(P2pMessageCodes.Ping, code);
        Assert.Equal(new byte[] { 0xc0 }, payload);
        Advance(settings.PingInterval);
        Assert.Equal(P2pMessageCodes.Ping, (await remote.ReadAsync()).Code);
    }

    [Fact]
    public async Task Nothing_read_for_the_read_timeout_disconnects_with_read_timeout()
    {
        var settings = NodeSettings();
        var (_, remote) = await RunningSyncedAsync(settings);
        Advance(settings.ReadTimeout);
        Assert.Equal(DisconnectReason.ReadTimeout, await remote.ReadDisconnectAsync()); // skips our Pings
        ExpectClosed(DisconnectReason.ReadTimeout);
    }

    [Fact]
    public async Task Traffic_moves_the_read_deadline()
    {
        var settings = NodeSettings() with { PingInterval = TimeSpan.FromHours(1) };
        var (peer, remote) = await RunningSyncedAsync(settings);
        Advance(TimeSpan.FromSeconds(20));
        await remote.SendAsync(P2pMessageCodes.Ping, [0xc0]);
        await remote.ReadUntilAsync(P2pMessageCodes.Pong); // read at t = 20 s
        AwaitWriterIdle(peer);
        Advance(TimeSpan.FromSeconds(20)); // t = 40 s: the first check finds 20 s idle and re-arms
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(10)); // t = 50 s: 30 s idle
        Assert.Equal(DisconnectReason.ReadTimeout, await remote.ReadDisconnectAsync());
        ExpectClosed(DisconnectReason.ReadTimeout);
    }

    [Fact]
    public async Task The_disconnect_grace_bounds_a_flush_the_remote_never_takes()
    {
        SocketBufferSize = 16 * 1024;
        var settings = NodeSettings() with { WriteQueueCapacity = 100_000, ReadTimeout = TimeSpan.FromHours(1), WriteTimeout = TimeSpan.FromHours(1) };
        var (peer, _) = await RunningSyncedAsync(settings);
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        var incompressible = new byte[256 * 1024];
        new Random(3).NextBytes(incompressible);
        // 5 MiB the remote never reads, through 16 KiB socket buffers: the writer blocks, so our Disconnect cannot be flushed.
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(0, incompressible, Count: 20)));
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // let the writer fill the socket and block
        peer.Tell(new DisconnectPeer(DisconnectReason.Requested));
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // the flush waits behind the stuck frame
        // On a loaded machine the actor may handle DisconnectPeer (and arm the grace timer) after the clock
        // moved, so move it a grace period at a time until the peer closes. A flush that is never bounded by
        // the grace timer never closes (the remote never reads), and the spec fails.
        for (int i = 0; i < 20 && !Parent.HasMessages; i++)
        {
            Advance(settings.DisconnectGrace);
            await Task.Delay(250);
        }
        ExpectClosed(DisconnectReason.Requested);
    }

    [Fact]
    public async Task A_frame_write_stuck_past_the_write_timeout_drops_the_peer()
    {
        SocketBufferSize = 16 * 1024;
        var settings = NodeSettings() with { WriteQueueCapacity = 100_000, ReadTimeout = TimeSpan.FromHours(1), PingInterval = TimeSpan.FromHours(1) };
        var (peer, _) = await RunningSyncedAsync(settings);
        ProtocolProbe.ExpectMsg<TestProtocol.Started>();
        var incompressible = new byte[256 * 1024];
        new Random(5).NextBytes(incompressible);
        peer.Tell(new ToProtocol("test", new TestProtocol.SendCommand(0, incompressible, Count: 20)));
        // Let the writer fill the socket and block. On a loaded machine the blocking write may start late, so
        // keep moving the clock a write timeout at a time until the watchdog sees a stuck write; a writer that
        // is never stuck never closes and the spec fails.
        Parent.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        for (int i = 0; i < 20; i++)
        {
            Advance(settings.WriteTimeout);
            await Task.Delay(250);
            if (Parent.HasMessages)
                break;
        }
        var closed = ExpectClosed(DisconnectReason.NetworkError);
        Assert.Contains("frame write", closed.Detail);
    }
}
