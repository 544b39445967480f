using System.Net;
using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Engine;

/// <summary>
/// Whole nodes — ServerActor, listener, dialer, real PeerActors — in one process over loopback TCP:
/// the parts written against the contracts, proven together.
/// </summary>
public sealed class EngineSpec(ITestOutputHelper output) : TestKit(output)
{
    private static ServerSettings NodeSettings(IEnumerable<EnodeUrl>? statics = null) => new()
    {
        PrivateKey = Secp256k1.GeneratePrivateKey(),
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        NoDiscovery = true,
        Protocols = [EchoProtocol.Registration],
        StaticNodes = [.. statics ?? []],
        DialRatio = 2,
    };

    [Fact]
    public async Task Two_servers_connect_by_static_dial_and_exchange_echo_messages()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));
        await using var a = await Devp2pNode.StartAsync(Sys, NodeSettings(), "a");
        await using var b = await Devp2pNode.StartAsync(Sys, NodeSettings([a.Info.Enode]), "b");

        var added = new[] { events.ExpectMsg<PeerAdded>(TimeSpan.FromSeconds(10)), events.ExpectMsg<PeerAdded>(TimeSpan.FromSeconds(10)) };
        Assert.Contains(added, e => e.PeerId == a.Info.Id && !e.Peer.Inbound);
        Assert.Contains(added, e => e.PeerId == b.Info.Id && e.Peer.Inbound);
        Assert.All(added, e => Assert.Equal(new MatchedCapability("echo", 1, 0x10, 2), Assert.Single(e.Peer.Matched)));

        byte[] payload = [0x83, 0xca, 0xfe, 0x01];
        var reply = await b.Server.Ask<EchoReply>(new SendToPeer(a.Info.Id, EchoProtocol.Name, new EchoSend(payload)), TimeSpan.FromSeconds(10));
        Assert.Equal(a.Info.Id, reply.Peer);
        Assert.Equal(payload, reply.Payload);

        // The fast path: the echo actor's ref once, then told directly (no ServerActor, no PeerActor hop).
        var echo = await b.Server.Ask<ProtocolActorRef>(new GetProtocolActor(a.Info.Id, EchoProtocol.Name), TimeSpan.FromSeconds(10));
        Assert.Equal(a.Info.Id, echo.Peer);
        for (byte i = 0; i < 3; i++)
        {
            var direct = await echo.Actor.Ask<EchoReply>(new EchoSend(new byte[] { i }), TimeSpan.FromSeconds(10));
            Assert.Equal(new byte[] { i }, direct.Payload);
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            b.Server.Ask<ProtocolActorRef>(new GetProtocolActor(a.Info.Id, "eth"), TimeSpan.FromSeconds(10)));

        var peersOfA = await a.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(5));
        Assert.Equal(b.Info.Id, Assert.Single(peersOfA).Id);

        // Graceful stop of b: a sees the remote-requested Disconnect(client quitting).
        await b.StopAsync();
        var dropped = (PeerDropped)events.FishForMessage(m => m is PeerDropped d && d.PeerId == b.Info.Id, TimeSpan.FromSeconds(10));
        Assert.Equal(DisconnectReason.Quitting, dropped.Reason);
        Assert.True(dropped.RemoteRequested);
    }

    [Fact]
    public async Task Twenty_static_nodes_reach_full_connectivity()
    {
        const int count = 20;
        var nodes = new List<Devp2pNode>();
        try
        {
            // Node i dials every earlier node, so each pair is dialed once and every node ends with 19 peers.
            for (int i = 0; i < count; i++)
                nodes.Add(await Devp2pNode.StartAsync(Sys, NodeSettings(nodes.Select(n => n.Info.Enode).ToList()), $"mesh{i}"));

            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            int[] counts;
            do
            {
                await Task.Delay(250);
                counts = await Task.WhenAll(nodes.Select(async n =>
                    (await n.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(5))).Count));
            }
            while (counts.Any(c => c != count - 1) && DateTime.UtcNow < deadline);
            Assert.True(counts.All(c => c == count - 1), "peer counts: " + string.Join(' ', counts));

            var ids = nodes.Select(n => n.Info.Id).ToHashSet();
            foreach (var node in nodes)
            {
                var peers = await node.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(5));
                Assert.Equal(ids.Where(id => id != node.Info.Id).OrderBy(id => id.ToHex()), peers.Select(p => p.Id).OrderBy(id => id.ToHex()));
            }
        }
        finally
        {
            await Task.WhenAll(nodes.Select(n => n.StopAsync()));
        }
    }
}
