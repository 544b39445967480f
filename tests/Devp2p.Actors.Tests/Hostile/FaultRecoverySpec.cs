using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// Faults inside the node: the listener cannot bind, the dialer and discovery are killed. The backoff
/// supervisors restart them and the node recovers, while connected peers stay. PeerActor and
/// ProtocolActor crashes are ServerEventsSpec and ThrowingProtocolSpec; discovery's backoff in virtual
/// time is ServerChildrenSpec.A_failing_discovery_child_is_restarted_with_backoff.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class FaultRecoverySpec(ITestOutputHelper output) : TestKit(output)
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);

    private readonly ITestOutputHelper _output = output;

    [Fact]
    public async Task A_listener_that_cannot_bind_is_restarted_with_backoff_and_listens_once_the_port_frees()
    {
        var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        int port = ((IPEndPoint)blocker.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        var starting = HostileNode.StartAsync(Sys, s => s with { ListenEndPoint = new IPEndPoint(IPAddress.Loopback, port) },
            components: c => c with { ChildMinBackoff = MinBackoff, ChildMaxBackoff = TimeSpan.FromSeconds(2) },
            bindWithin: HostileScale.Patience(20));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(starting.IsCompleted, "the node reported listening on a port another socket holds");
        blocker.Stop();
        await using var node = await starting;

        _output.WriteLine($"listener bound {clock.Elapsed.TotalSeconds:0.0} s after start, the port freed at 1.5 s");
        Assert.Equal(port, node.Node.Info.ListenPort);
        await HostileNode.EchoAsync(await node.ConnectPeerAsync(), [0x0b]);
    }

    [Fact]
    public async Task Killed_dialer_and_discovery_are_restarted_with_backoff_and_the_node_recovers()
    {
        var discovery = CreateTestProbe();
        await using var other = await HostileNode.StartAsync(Sys, name: "other");
        await using var node = await HostileNode.StartAsync(Sys, s => s with { NoDial = false, NoDiscovery = false },
            components: c => c with
            {
                Discovery = (_, _) => Props.Create(() => new StandInDiscovery(discovery.Ref)),
                ChildMinBackoff = MinBackoff,
                LocalRecordTimeout = TimeSpan.FromMilliseconds(200),
            });
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerAdded));
        var drops = CreateTestProbe();
        Sys.EventStream.Subscribe(drops.Ref, typeof(PeerDropped));
        var honest = await node.ConnectPeerAsync();
        events.ExpectMsg<PeerAdded>(HostileScale.Patience(5));

        var firstDiscovery = discovery.ExpectMsg<StandInDiscovery.Started>(HostileScale.Patience(5)).Self;
        var firstDialer = discovery.ExpectMsg<StandInDiscovery.Asked>(HostileScale.Patience(10)).Dialer;
        var clock = Stopwatch.StartNew();
        firstDialer.Tell(Kill.Instance);
        var secondDialer = discovery.FishForMessage<StandInDiscovery.Asked>(a => !a.Dialer.Equals(firstDialer), HostileScale.Patience(10)).Dialer;
        var dialerBack = clock.Elapsed;

        clock.Restart();
        firstDiscovery.Tell(Kill.Instance);
        var secondDiscovery = discovery.FishForMessage<StandInDiscovery.Started>(_ => true, HostileScale.Patience(10)).Self;
        var discoveryBack = clock.Elapsed;
        _output.WriteLine($"dialer back after {dialerBack.TotalSeconds:0.00} s, discovery after {discoveryBack.TotalSeconds:0.00} s (first backoff {MinBackoff.TotalSeconds} s)");
        Assert.NotEqual(firstDiscovery, secondDiscovery);
        Assert.True(dialerBack >= MinBackoff * 0.75 && discoveryBack >= MinBackoff * 0.75, "restarted without the backoff");

        // Recovered: the new dialer dials a node it is given, and the peer from before the faults is still served.
        node.Node.Server.Tell(new AddPeer(other.Node.Info.Enode));
        var added = events.FishForMessage<PeerAdded>(a => a.PeerId == other.Id, HostileScale.Patience(10));
        Assert.False(added.Peer.Inbound);
        await HostileNode.EchoAsync(honest, [0x0c]);
        drops.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // nobody dropped along the way
        Assert.NotNull(secondDialer);
    }

    /// <summary>Discovery's place in the tree without discovery: reports its start and who asks it for candidates (the dialer), and has none.</summary>
    private sealed class StandInDiscovery : ReceiveActor
    {
        public sealed record Started(IActorRef Self);

        public sealed record Asked(IActorRef Dialer);

        public StandInDiscovery(IActorRef probe)
        {
            probe.Tell(new Started(Self));
            Receive<GetDialCandidates>(_ =>
            {
                probe.Tell(new Asked(Sender));
                Sender.Tell(new DialCandidates([]));
            });
            ReceiveAny(_ => { });
        }
    }
}
