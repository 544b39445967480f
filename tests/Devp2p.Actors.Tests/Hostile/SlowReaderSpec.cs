using System.Net.Sockets;
using Devp2p.Actors.Events;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// A peer that asks for echoes and never reads the answers: the kernel's buffers fill, then our
/// per-peer write queue (WriteQueueCapacity); the peer is dropped, and another peer is served
/// throughout. The PeerActor-level version is PeerRunningSpec.A_remote_that_never_reads_overflows_the_write_queue_and_is_dropped.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class SlowReaderSpec(ITestOutputHelper output) : TestKit(output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public async Task A_peer_that_stops_reading_is_dropped_at_the_write_queue_bound_and_others_are_unaffected()
    {
        const int queue = 32;
        await using var node = await HostileNode.StartAsync(Sys, s => s with { WriteQueueCapacity = queue, WriteTimeout = TimeSpan.FromMinutes(5) });
        var drops = CreateTestProbe();
        Sys.EventStream.Subscribe(drops.Ref, typeof(PeerDropped));
        var bystander = await node.ConnectPeerAsync();

        // A small receive buffer on the victim's socket, so its side fills after a few replies.
        var client = await node.ConnectRawAsync(receiveBuffer: 4096);
        var victim = await RemotePeer.DialAsync(client.GetStream(), Protocol.Crypto.Secp256k1.GeneratePrivateKey(), node.Id);
        Assert.NotNull((await victim.ExchangeHelloAsync(HostileNode.Echo)).Remote);

        // Random, so snappy cannot shrink the replies the victim leaves unread.
        var payload = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16 * 1024);
        long sent = 0;
        var stopAt = DateTime.UtcNow + HostileScale.Patience(30);
        PeerDropped? dropped = null;
        while (dropped is null && DateTime.UtcNow < stopAt)
        {
            try
            {
                await victim.SendAsync(0x10, payload);
                sent += payload.Length;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                break; // the node closed on us (or stopped reading, which it does once it has dropped us)
            }
            if (sent % (64 * payload.Length) == 0)
            {
                await HostileNode.EchoAsync(bystander, [0x08]); // served all along
                dropped = drops.ReceiveOne(TimeSpan.Zero) as PeerDropped;
            }
        }
        dropped ??= drops.ExpectMsg<PeerDropped>(HostileScale.Patience(10));

        _output.WriteLine($"victim sent {sent / 1048576.0:0.0} MiB of echo requests without reading before the drop: {dropped.Detail}");
        Assert.Equal(victim.Id, dropped.PeerId);
        Assert.Equal(DisconnectReason.NetworkError, dropped.Reason);
        Assert.Contains("queue", dropped.Detail, StringComparison.OrdinalIgnoreCase);
        await HostileNode.EchoAsync(bystander, [0x09]);
        Assert.Equal(bystander.Id, Assert.Single(await node.WaitForPeersAsync(1)).Id);
    }
}
