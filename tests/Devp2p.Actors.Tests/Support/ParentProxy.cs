using Devp2p.Kernel;

namespace Devp2p.Actors.Tests.Support;

/// <summary>
/// Stands in for a parent (the ServerActor): creates the child, forwards everything the child sends
/// to a probe (with itself as sender, so the probe's Reply comes back here) and everything else to
/// the child, keeping the original sender. A child that throws is stopped and reported, never restarted;
/// its end is reported as <see cref="ChildTerminated"/>.
/// </summary>
public sealed class ParentProxy : ReceiveActor
{
    public ParentProxy(Props childProps, IActorRef probe)
    {
        var child = Context.ActorOf(childProps, "child");
        Context.Watch(child);
        Receive<Terminated>(t => t.ActorRef.Equals(child), _ => probe.Tell(ChildTerminated.Instance, Self));
        ReceiveAny(message =>
        {
            if (Sender.Equals(child))
                probe.Tell(message, Self);
            else
                child.Tell(message, Sender);
        });
        _probe = probe;
    }

    private readonly IActorRef _probe;

    public static Props Props(Props childProps, IActorRef probe) => Kernel.Props.Create(() => new ParentProxy(childProps, probe));

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, null, e =>
    {
        _probe.Tell(new ChildFailed(e), Self);
        return Directive.Stop;
    });
}

/// <summary>The proxied child stopped.</summary>
public sealed record ChildTerminated
{
    public static ChildTerminated Instance { get; } = new();
}

/// <summary>The proxied child threw (a test failure for a PeerActor).</summary>
public sealed record ChildFailed(Exception Cause);
