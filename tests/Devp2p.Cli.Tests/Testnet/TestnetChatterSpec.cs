using System.Security.Cryptography;
using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Cli.Commands.Testnet;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Cli.Tests.Testnet;

/// <summary>
/// The testnet's traffic source on virtual time: one echo request per connected peer per interval,
/// through the ServerActor (a probe here), following the node's own peer events.
/// </summary>
public sealed class TestnetChatterSpec(ITestOutputHelper output) : TestKit(output, useVirtualTime: true)
{
    private static NodeId NewId() => NodeId.FromBytes(RandomNumberGenerator.GetBytes(64));

    private static PeerAdded Added(NodeId id) =>
        new(new PeerInfo(id, "test", [], [], null, null, false, false, false, DateTimeOffset.UnixEpoch));

    private HashSet<NodeId> RequestsOfOneTick(TestProbe server, int expected)
    {
        Advance(TestnetChatter.Interval);
        var peers = new HashSet<NodeId>();
        for (int i = 0; i < expected; i++)
        {
            var send = server.ExpectMsg<SendToPeer>();
            Assert.Equal(EchoProtocol.Name, send.Protocol);
            Assert.IsType<EchoSend>(send.Message);
            Assert.True(peers.Add(send.Peer), "one request per peer per tick");
        }
        server.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        return peers;
    }

    [Fact]
    public void Each_tick_sends_one_echo_request_to_every_peer_it_has_seen_added_and_not_dropped()
    {
        var server = CreateTestProbe();
        TestnetChatter.Start(Sys, server.Ref);
        NodeId a = NewId(), b = NewId(), c = NewId();

        Assert.Empty(RequestsOfOneTick(server, 0));

        Sys.EventStream.Publish(Added(a));
        Sys.EventStream.Publish(Added(b));
        Sys.EventStream.Publish(Added(c));
        // Publish enqueues into the chatter's mailbox at once, so the events are handled before the tick.
        Assert.Equal(new HashSet<NodeId> { a, b, c }, RequestsOfOneTick(server, 3));
        Assert.Equal(new HashSet<NodeId> { a, b, c }, RequestsOfOneTick(server, 3));

        Sys.EventStream.Publish(new PeerDropped(b, "test", DisconnectReason.TooManyPeers, false, null));
        Assert.Equal(new HashSet<NodeId> { a, c }, RequestsOfOneTick(server, 2));
    }
}
