using Devp2p.Actors.Peers;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>
/// The peer's writer waits for messages without a cancellation token (so the channel reuses one waiter per
/// wake-up) and is stopped by completing its queue when the token is cancelled: an idle writer must still end
/// on cancellation without reporting a write failure, and every wake-up must still deliver, in order.
/// </summary>
public sealed class PeerFrameWriterSpec(ITestOutputHelper output) : TestKit(output), IAsyncLifetime
{
    private LoopbackTcp? _tcp;
    private RlpxConnection? _ours;
    private RlpxConnection? _remote;

    public async Task InitializeAsync()
    {
        _tcp = await LoopbackTcp.ConnectAsync();
        var ourKey = Secp256k1.GeneratePrivateKey();
        var remoteKey = Secp256k1.GeneratePrivateKey();
        var options = new RlpxConnectionOptions { HandshakeTimeout = TimeSpan.FromSeconds(10) * TestKitSettings.TimeFactor };
        var accept = RlpxConnection.AcceptAsync(_tcp.B, remoteKey, options);
        _ours = await RlpxConnection.InitiateAsync(_tcp.A, ourKey, Secp256k1.Default.CreatePublicKey(remoteKey), options);
        _remote = await accept;
    }

    public async Task DisposeAsync()
    {
        if (_ours is not null)
            await _ours.DisposeAsync();
        if (_remote is not null)
            await _remote.DisposeAsync();
        _tcp?.Dispose();
    }

    private PeerFrameWriter StartWriter(TestProbe peer, CancellationToken cancellation)
    {
        var writer = new PeerFrameWriter(_ours!, peer.Ref, Sys.Scheduler, capacity: 8, cancellation);
        writer.Start();
        return writer;
    }

    [Fact]
    public async Task An_idle_writer_ends_on_cancellation_without_reporting_a_failure()
    {
        var peer = CreateTestProbe("peer");
        using var cancellation = new CancellationTokenSource();
        var writer = StartWriter(peer, cancellation.Token);
        Assert.True(writer.TryEnqueue(0x10, new byte[] { 0x80 }));
        Assert.Equal(0x10UL, (await _remote!.ReadMessageAsync()).Code); // the loop has run and is waiting again

        cancellation.Cancel();
        await writer.Completion.WaitAsync(TimeSpan.FromSeconds(10) * TestKitSettings.TimeFactor);
        Assert.False(writer.TryEnqueue(0x11, new byte[] { 0x80 })); // the queue is closed
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Every_wake_up_delivers_its_messages_in_order()
    {
        var peer = CreateTestProbe("peer");
        using var cancellation = new CancellationTokenSource();
        var writer = StartWriter(peer, cancellation.Token);
        for (int round = 0; round < 50; round++)
        {
            int burst = 1 + round % 4;
            for (int i = 0; i < burst; i++)
                Assert.True(writer.TryEnqueue(0x10 + (ulong)(round * 4 + i), new byte[] { (byte)(0x80 + i) }));
            for (int i = 0; i < burst; i++)
            {
                var message = await _remote!.ReadMessageAsync();
                Assert.Equal(0x10 + (ulong)(round * 4 + i), message.Code);
                Assert.Equal(new byte[] { (byte)(0x80 + i) }, message.Payload.ToArray());
            }
        }
        await writer.FinishWithAsync(0x01, new byte[] { 0xc1, 0x08 }, cancellation.Token);
        Assert.Equal(0x01UL, (await _remote!.ReadMessageAsync()).Code);
        Assert.True(writer.Completion.IsCompleted);
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
