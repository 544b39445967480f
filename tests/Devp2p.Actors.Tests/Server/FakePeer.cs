using Devp2p.Actors.Peers;
using Devp2p.Kernel;

namespace Devp2p.Actors.Tests.Server;

/// <summary>
/// A scripted stand-in for PeerActor: reports its birth to a probe, forwards everything it receives
/// (checkpoint answers, DisconnectPeer, ToProtocol) to the probe with the original sender, and tells
/// its parent whatever the test asks it to.
/// </summary>
public sealed class FakePeer : ReceiveActor
{
    public sealed record Started(IActorRef Peer, PeerSetup Setup);

    /// <summary>Tell the server (the parent) this message.</summary>
    public sealed record ToServer(object Message);

    /// <summary>Tell the server PeerClosed, then stop (what a real peer does when its connection ends).</summary>
    public sealed record CloseNow(PeerClosed Closed);

    /// <summary>Throw from the handler (a crashing peer).</summary>
    public sealed record Crash;

    public static PeerPropsFactory Factory(IActorRef probe) =>
        (setup, _) => Props.Create(() => new FakePeer(setup, probe));

    private readonly PeerSetup _setup;
    private readonly IActorRef _probe;

    private FakePeer(PeerSetup setup, IActorRef probe)
    {
        _setup = setup;
        _probe = probe;
        Receive<ToServer>(m => Context.Parent.Tell(m.Message, Self));
        Receive<CloseNow>(m =>
        {
            Context.Parent.Tell(m.Closed, Self);
            Context.Stop(Self);
        });
        Receive<Crash>(_ => throw new InvalidOperationException("fake peer crashed"));
        ReceiveAny(m => _probe.Tell(m, Sender));
    }

    protected override void PreStart() => _probe.Tell(new Started(Self, _setup), Self);
}

/// <summary>Forwards everything to a probe, keeping the sender: plays discovery behind the server's backoff supervisor.</summary>
internal sealed class Forwarder : ReceiveActor
{
    public static Props Props(IActorRef probe) => Kernel.Props.Create(() => new Forwarder(probe));

    private Forwarder(IActorRef probe) => ReceiveAny(m => probe.Tell(m, Sender));
}

/// <summary>A stream that remembers it was disposed (the server must close what it cannot hand on).</summary>
internal sealed class TrackingStream : MemoryStream
{
    public bool Disposed { get; private set; }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
