using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// A graceful stop tells every peer Disconnect(client quitting) over its real socket, a peer that is
/// still in its handshake included in the close. ServerStopSpec covers the grace and the stragglers.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class ShutdownSpec(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public async Task Stop_sends_client_quitting_to_every_peer_and_closes_every_socket()
    {
        var node = await HostileNode.StartAsync(Sys);
        await using (node)
        {
            var peers = new List<Support.RemotePeer>();
            for (int i = 0; i < 5; i++)
                peers.Add(await node.ConnectPeerAsync());
            var halfway = await node.ConnectRawAsync(); // connected, no auth yet
            Assert.Equal(5, (await node.WaitForPeersAsync(5)).Count);

            await node.StopAsync();

            foreach (var peer in peers)
            {
                Assert.Equal(DisconnectReason.Quitting, await peer.ReadDisconnectAsync());
                Assert.True(await peer.SeesCloseAsync());
            }
            using var cts = new CancellationTokenSource(HostileScale.Patience(5));
            Assert.Equal(0, await halfway.GetStream().ReadAsync(new byte[64], cts.Token));
            Assert.Equal(0, node.Connections.Live);
        }
    }
}
