using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>
/// Base of every actor. Instances are created only by the runtime from <see cref="Kernel.Props"/>
/// (<c>new</c> outside <c>ActorOf</c> throws), and again on each restart.
/// </summary>
public abstract class ActorBase
{
    private readonly IActorRef _self;

    protected ActorBase()
    {
        var cell = ActorCell.Current;
        if (cell is null || !cell.IsCreatingActor)
        {
            throw new ActorInitializationException(null,
                $"You cannot create an instance of [{GetType()}] explicitly using the constructor (new). Use ActorOf(Props.Create(...)).");
        }

        _self = cell.Self;
        cell.InitialBehavior(Receive);
    }

    /// <summary>The context of the actor whose message is being handled on this thread.</summary>
    protected static IActorContext Context =>
        ActorCell.Current ?? throw new NotSupportedActorContextException(
            "There is no active ActorContext; this is most likely due to use of async operations or callbacks inside this actor. Use PipeTo.");

    /// <summary>This actor's ref; safe to capture in closures.</summary>
    protected IActorRef Self => _self;

    /// <summary>The sender of the message being handled.</summary>
    protected IActorRef Sender => Context.Sender;

    /// <summary>The initial behaviour: return false for messages it does not handle.</summary>
    protected internal abstract bool Receive(object message);

    protected virtual void PreStart() { }

    protected virtual void PostStop() { }

    /// <summary>Before the old instance is dropped on restart. Default (as Akka): stop all children, then <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        var context = Context;
        foreach (var child in context.GetChildren())
        {
            context.Unwatch(child);
            context.Stop(child);
        }
        PostStop();
    }

    /// <summary>On the new instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>,
    /// anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated t) throw new DeathPactException(t.ActorRef);
        var context = Context;
        context.System.PublishUnhandled(new UnhandledMessage(message, context.Sender, context.Self));
    }

    /// <summary>The strategy for this actor's children when its Props give none. Default: <see cref="SupervisorStrategy.DefaultStrategy"/>.</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.DefaultStrategy;

    /// <summary>Stops this actor (same as <c>Context.Stop(Self)</c>).</summary>
    protected void Stop() => Context.Stop(Self);

    internal virtual void AfterConstruction() { }
    internal void InternalPreStart() => PreStart();
    internal void InternalPostStop() => PostStop();
    internal void InternalPreRestart(Exception reason, object? message) => PreRestart(reason, message);
    internal void InternalPostRestart(Exception reason) => PostRestart(reason);
    internal void InternalUnhandled(object message) => Unhandled(message);
    internal SupervisorStrategy InternalSupervisorStrategy() => SupervisorStrategy();
}
