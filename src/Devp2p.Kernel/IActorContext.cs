using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>An actor's behaviour: returns false when it does not handle the message.</summary>
public delegate bool Receive(object message);

/// <summary>
/// What an actor sees of its own cell (Akka's <c>IActorContext</c>): only valid on the actor's own thread,
/// while it handles a message or runs a lifecycle hook.
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled; <see cref="ActorSystem.DeadLetters"/> outside a handler or when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }
    ActorSystem System { get; }
    Props Props { get; }

    /// <summary>Creates a child. <paramref name="name"/> must be unique among the live children; a generated <c>$a</c>-style name when null.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The child of that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    IEnumerable<IActorRef> GetChildren();

    /// <summary>Stops a child, or this actor itself, asynchronously (after the message being handled).</summary>
    void Stop(IActorRef child);

    IActorRef Watch(IActorRef subject);

    /// <summary>Watches <paramref name="subject"/> and delivers <paramref name="message"/> instead of <see cref="Terminated"/>.</summary>
    IActorRef WatchWith(IActorRef subject, object message);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behaviour.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behaviour; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Delivers <see cref="Kernel.ReceiveTimeout.Instance"/> after this much inactivity; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    /// <summary>A logger with this actor's path as source (Serilog property <c>ActorPath</c>).</summary>
    ILoggingAdapter GetLogger();
}
