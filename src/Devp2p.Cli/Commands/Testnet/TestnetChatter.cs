using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// Keeps echo/1 traffic flowing on every session of one testnet node, so the live view's messages/s
/// shows the sessions carrying data rather than sitting idle after their handshakes: every
/// <see cref="Interval"/> it sends one small echo request to each connected peer through the node's
/// ServerActor. Peers come from the node's own PeerAdded/PeerDropped events. A request to a peer that
/// left in between fails (Status.Failure) and is simply not retried; replies need no handling, the
/// message events count them.
/// </summary>
internal sealed class TestnetChatter : ReceiveActor, IWithTimers
{
    /// <summary>One request per peer per second: N·(N − 1) requests/s over the network, light even at 50 nodes.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The request's payload: an RLP list of one 8-byte string (echo/1 sends any RLP).</summary>
    private static readonly byte[] Payload = [0xc9, 0x88, (byte)'t', (byte)'e', (byte)'s', (byte)'t', (byte)'n', (byte)'e', (byte)'t', (byte)'!'];

    private readonly HashSet<NodeId> _peers = [];

    public TestnetChatter(IActorRef server)
    {
        Receive<PeerAdded>(added => _peers.Add(added.PeerId));
        Receive<PeerDropped>(dropped => _peers.Remove(dropped.PeerId));
        Receive<Tick>(_ =>
        {
            foreach (var peer in _peers)
                server.Tell(new SendToPeer(peer, EchoProtocol.Name, new EchoSend(Payload)), Self);
        });
        Receive<EchoReply>(_ => { });
        Receive<Status.Failure>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, Interval);

    /// <summary>Starts the chatter in <paramref name="system"/>, subscribed to its peer events before it returns.</summary>
    public static IActorRef Start(ActorSystem system, IActorRef server)
    {
        var chatter = system.ActorOf(Props.Create(() => new TestnetChatter(server)), "testnet-chatter");
        system.EventStream.Subscribe(chatter, typeof(PeerAdded));
        system.EventStream.Subscribe(chatter, typeof(PeerDropped));
        return chatter;
    }

    internal sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
