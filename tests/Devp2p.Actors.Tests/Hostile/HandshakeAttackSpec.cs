using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using Devp2p.Actors.Events;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// Attacks on one connection before and after the handshakes, against a whole node on loopback:
/// slowloris, garbage in place of the auth, garbage after a valid auth, a forged MAC in a live session,
/// an oversize frame header. Each ends the attacker's connection the way docs/peer.md says, and the
/// node still admits an honest peer afterwards.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class HandshakeAttackSpec(ITestOutputHelper output) : TestKit(output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    [Trait("Category", "Long")]
    public async Task Slowloris_connections_are_dropped_at_the_handshake_deadline()
    {
        var deadline = HostileScale.Pick(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        int attackers = HostileScale.Pick(20, 50); // ≤ MaxPendingPeers, so each one's deadline starts at its connect
        await using var node = await HostileNode.StartAsync(Sys, s => s with { HandshakeTimeout = deadline });

        var closedAfter = await Task.WhenAll(Enumerable.Range(0, attackers).Select(async _ =>
        {
            using var client = await node.ConnectRawAsync();
            return await TrickleUntilClosedAsync(client, deadline + HostileScale.Patience(10));
        }));

        _output.WriteLine($"{attackers} slowloris connections, deadline {deadline.TotalSeconds} s: closed after {closedAfter.Min().TotalSeconds:0.00}-{closedAfter.Max().TotalSeconds:0.00} s");
        // Not before the deadline (the trickle is a plausible auth, so only the timer can end it; 0.75 allows
        // the scheduler's tick granularity), and not long after it.
        Assert.All(closedAfter, t => Assert.InRange(t, deadline * 0.75, deadline + HostileScale.Patience(8)));
        var honest = await node.ConnectPeerAsync();
        await HostileNode.EchoAsync(honest, [0x82, 0x01, 0x02]);
        Assert.Equal(1, node.Connections.Live); // every attacker released its socket; the honest peer holds one
    }

    [Fact]
    public async Task Garbage_in_place_of_the_auth_is_closed_at_once_without_an_answer()
    {
        // A long deadline: the close must come from the failed decode, not from the timer.
        await using var node = await HostileNode.StartAsync(Sys, s => s with { HandshakeTimeout = TimeSpan.FromSeconds(60) });
        using var client = await node.ConnectRawAsync();
        var stream = client.GetStream();
        await stream.WriteAsync(RandomNumberGenerator.GetBytes(4096));

        var (received, closed) = await DrainUntilClosedAsync(stream, HostileScale.Patience(10));
        Assert.True(closed, "the node kept a connection that sent garbage in place of an auth");
        Assert.Equal(0, received); // no ack, no Disconnect: there is no session to send one in

        await HostileNode.EchoAsync(await node.ConnectPeerAsync(), [0x01]);
    }

    [Fact]
    public async Task Garbage_after_a_valid_auth_is_a_protocol_error()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var events = SubscribeDrops();
        var remote = await node.DialAsync();
        await remote.Stream.WriteAsync(RandomNumberGenerator.GetBytes(64));

        Assert.Equal(DisconnectReason.ProtocolError, await remote.ReadDisconnectAsync());
        Assert.True(await remote.SeesCloseAsync());
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // never added, so never dropped
        await HostileNode.EchoAsync(await node.ConnectPeerAsync(), [0x02]);
    }

    [Fact]
    public async Task A_forged_mac_in_a_running_session_drops_that_peer_only()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var events = SubscribeDrops();
        var bystander = await node.ConnectPeerAsync();
        TamperingStream? tamper = null;
        var victim = await node.DialAsync(wrap: s => tamper = new TamperingStream(s));
        Assert.NotNull((await victim.ExchangeHelloAsync(HostileNode.Echo)).Remote);
        await HostileNode.EchoAsync(victim, [0x03]);

        tamper!.Arm();
        await victim.SendAsync(P2pMessageCodes.Ping, [0xc0]);

        Assert.Equal(DisconnectReason.ProtocolError, await victim.ReadDisconnectAsync());
        var dropped = events.ExpectMsg<PeerDropped>(HostileScale.Patience(5));
        Assert.Equal(victim.Id, dropped.PeerId);
        Assert.Equal(DisconnectReason.ProtocolError, dropped.Reason);
        Assert.Contains("MAC", dropped.Detail, StringComparison.OrdinalIgnoreCase);
        await HostileNode.EchoAsync(bystander, [0x04]);
        Assert.Equal(bystander.Id, Assert.Single(await node.WaitForPeersAsync(1)).Id);
    }

    [Fact]
    public async Task An_oversize_frame_header_before_hello_is_rejected_without_its_body()
    {
        await using var node = await HostileNode.StartAsync(Sys, s => s with { HelloTimeout = TimeSpan.FromSeconds(60) });
        var remote = await node.DialAsync();
        // A correctly encrypted and MACed header announcing a 1 MiB frame (512 times the Hello limit):
        // only its 32 bytes are sent. Were the node to wait for (or buffer) the body, no Disconnect would come.
        int payload = 1024 * 1024;
        var frame = new byte[FrameWriter.FrameLength(P2pMessageCodes.Hello, payload)];
        remote.Connection.Session.Writer.WriteFrame(P2pMessageCodes.Hello, new byte[payload], frame);
        await remote.Stream.WriteAsync(frame.AsMemory(0, FrameReader.HeaderLength));

        Assert.Equal(DisconnectReason.ProtocolError, await remote.ReadDisconnectAsync());
        Assert.True(await remote.SeesCloseAsync());
    }

    private TestProbe SubscribeDrops()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(PeerDropped));
        return probe;
    }

    /// <summary>
    /// Starts a plausible EIP-8 auth (a size prefix of 400 bytes, within the 2 KiB limit) and then sends
    /// one random byte every 100 ms until the node closes; returns how long that took.
    /// </summary>
    private static async Task<TimeSpan> TrickleUntilClosedAsync(TcpClient client, TimeSpan giveUp)
    {
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(new byte[] { 0x01, 0x90 });
        var read = stream.ReadAsync(new byte[256]).AsTask();
        while (clock.Elapsed < giveUp)
        {
            if (await Task.WhenAny(read, Task.Delay(100)) == read)
            {
                try
                {
                    if (await read == 0)
                        return clock.Elapsed;
                }
                catch (IOException)
                {
                    return clock.Elapsed;
                }
                read = stream.ReadAsync(new byte[256]).AsTask(); // the node never answers a partial auth
            }
            try
            {
                await stream.WriteAsync(RandomNumberGenerator.GetBytes(1));
            }
            catch (IOException)
            {
                return clock.Elapsed;
            }
        }
        return clock.Elapsed;
    }

    private static async Task<(int Received, bool Closed)> DrainUntilClosedAsync(NetworkStream stream, TimeSpan within)
    {
        using var cts = new CancellationTokenSource(within);
        int received = 0;
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int n = await stream.ReadAsync(buffer, cts.Token);
                if (n == 0)
                    return (received, true);
                received += n;
            }
        }
        catch (OperationCanceledException)
        {
            return (received, false);
        }
        catch (IOException)
        {
            return (received, true);
        }
    }
}
