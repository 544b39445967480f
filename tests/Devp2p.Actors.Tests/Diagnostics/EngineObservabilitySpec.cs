using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Diagnostics;

/// <summary>
/// Two whole nodes over loopback TCP, watched the way dotnet-counters and a Serilog sink would:
/// peers, dials, handshakes, bytes and disconnects arrive with the right tags, and the engine's
/// log records carry NodeId, RemoteId, RemoteEndPoint, Stage and Reason as structured properties.
/// </summary>
public sealed class EngineObservabilitySpec() : TestKit(new TestKitSettings
{
    SystemSettings = ActorSystemSettings.Default with { LogLevel = Kernel.Event.LogLevel.DebugLevel, Logger = Log.Logger },
})
{
    private static readonly CapturedLog Log = new();
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10) * TestKitSettings.TimeFactor;

    private static ServerSettings NodeSettings(byte[] key, IEnumerable<EnodeUrl>? statics = null) => new()
    {
        PrivateKey = key,
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        NoDiscovery = true,
        Protocols = [EchoProtocol.Registration],
        StaticNodes = [.. statics ?? []],
    };

    [Fact]
    public async Task A_connection_its_messages_and_its_end_are_measured_and_logged_with_structured_properties()
    {
        byte[] keyA = Secp256k1.GeneratePrivateKey(), keyB = Secp256k1.GeneratePrivateKey();
        string tagA = NodeMetrics.For(keyA).NodeTag, tagB = NodeMetrics.For(keyB).NodeTag;
        using var metrics = new MetricsRecorder(tagA, tagB);
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerEvent));

        var a = await Devp2pNode.StartAsync(Sys, NodeSettings(keyA), "a");
        var b = await Devp2pNode.StartAsync(Sys, NodeSettings(keyB, [a.Info.Enode]), "b");
        try
        {
            Assert.Equal(a.Info.Id.ToShortString(), tagA);
            events.ExpectMsg<PeerAdded>(Wait);
            events.ExpectMsg<PeerAdded>(Wait);

            Assert.Equal(1, metrics.Sum("devp2p.peers", tagA, ("direction", "inbound")));
            Assert.Equal(1, metrics.Sum("devp2p.peers", tagB, ("direction", "outbound")));
            Assert.Equal(1, metrics.Sum("devp2p.dials", tagB, ("outcome", "connected")));
            AwaitCondition(() => metrics.Sum("devp2p.handshakes", tagA, ("direction", "inbound"), ("outcome", "success"), ("stage", "complete")) == 1
                && metrics.Sum("devp2p.handshakes", tagB, ("direction", "outbound"), ("outcome", "success"), ("stage", "complete")) == 1, Wait);

            byte[] payload = [0x83, 0xca, 0xfe, 0x01];
            await b.Server.Ask<EchoReply>(new SendToPeer(a.Info.Id, EchoProtocol.Name, new EchoSend(payload)), Wait);
            // Payload bytes: what b sent on echo is what a received on echo, and the reply came back the same way.
            Assert.True(metrics.Sum("devp2p.egress", tagB, ("protocol", "echo")) >= payload.Length);
            AwaitCondition(() => metrics.Sum("devp2p.ingress", tagA, ("protocol", "echo")) == metrics.Sum("devp2p.egress", tagB, ("protocol", "echo")), Wait);
            Assert.Equal(metrics.Sum("devp2p.egress", tagA, ("protocol", "echo")), metrics.Sum("devp2p.ingress", tagB, ("protocol", "echo")));
            Assert.True(metrics.Sum("devp2p.egress", tagA, ("protocol", "echo")) > 0);
            Assert.Equal(0, metrics.Count("devp2p.disconnects", tagA));

            await b.StopAsync();
            events.FishForMessage(m => m is PeerDropped d && d.PeerId == b.Info.Id, Wait);
            Assert.Equal(0, metrics.Sum("devp2p.peers", tagA));
            Assert.Equal(1, metrics.Sum("devp2p.disconnects", tagA, ("reason", "quitting"), ("side", "remote")));
            AwaitCondition(() => metrics.Sum("devp2p.disconnects", tagB, ("reason", "quitting"), ("side", "local")) == 1, Wait);
            Assert.Equal(0, metrics.Sum("devp2p.peers", tagB));

            var peerLogs = Log.OfNode(tagA).Where(e => CapturedLog.Text(e, "SourceContext") == "Devp2p.Actors.Peers.PeerActor").ToList();
            var closing = Assert.Single(peerLogs, e => e.MessageTemplate.Text.StartsWith("closing", StringComparison.Ordinal));
            Assert.Equal(tagB, CapturedLog.Text(closing, LogProperties.RemoteId));
            Assert.Equal("running", CapturedLog.Text(closing, LogProperties.Stage));
            Assert.Equal("inbound", CapturedLog.Text(closing, LogProperties.Direction));
            Assert.Equal("127.0.0.1", IPEndPoint.Parse(CapturedLog.Text(closing, LogProperties.RemoteEndPoint)!).Address.ToString());
            Assert.Equal("client quitting", CapturedLog.Text(closing, LogProperties.Reason));
            Assert.Contains(peerLogs, e => CapturedLog.Text(e, LogProperties.Stage) == "enc-handshake" || CapturedLog.Text(e, LogProperties.Stage) == "post-handshake");
            Assert.Contains(Log.OfNode(tagA), e => CapturedLog.Text(e, "SourceContext") == "Devp2p.Actors.Server.ServerActor");
            Assert.Contains(Log.OfNode(tagB), e => CapturedLog.Text(e, "SourceContext") == "Devp2p.Actors.Dialer.DialerActor"
                && CapturedLog.Text(e, LogProperties.RemoteEndPoint) == a.Info.Enode.TcpEndPoint!.ToString());
        }
        finally
        {
            await a.StopAsync();
        }
    }

    [Fact]
    public async Task A_stranger_sending_garbage_is_a_failed_enc_handshake_counted_on_the_inbound_side()
    {
        var key = Secp256k1.GeneratePrivateKey();
        var tag = NodeMetrics.For(key).NodeTag;
        using var metrics = new MetricsRecorder(tag);
        var node = await Devp2pNode.StartAsync(Sys, NodeSettings(key), "lonely");
        try
        {
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(IPAddress.Loopback, node.Info.Enode.TcpPort);
                await client.GetStream().WriteAsync(Enumerable.Repeat((byte)0x5a, 400).ToArray());
                // The close records the failed handshake and then the disconnect: wait for both.
                AwaitCondition(() => metrics.Count("devp2p.handshakes", tag) == 1
                    && metrics.Sum("devp2p.disconnects", tag, ("side", "local")) == 1, Wait);
            }
            var failed = Assert.Single(metrics.Matching("devp2p.handshakes", tag));
            Assert.Equal("failure", failed.Tags["outcome"]);
            Assert.Equal("enc-handshake", failed.Tags["stage"]);
            Assert.Equal("inbound", failed.Tags["direction"]);
            Assert.Equal(1, metrics.Sum("devp2p.disconnects", tag, ("side", "local")));
            Assert.Equal(0, metrics.Sum("devp2p.peers", tag));
        }
        finally
        {
            await node.StopAsync();
        }
    }
}
