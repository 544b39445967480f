using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>The actor behind <c>/</c>, <c>/user</c> and <c>/system</c>: it has no behaviour of its own, only children.</summary>
internal sealed class GuardianActor(SupervisorStrategy strategy) : ActorBase
{
    /// <summary>Top-level failures are handled as by default, but never escalated past /user: the failing actor is stopped.</summary>
    public static readonly SupervisorStrategy DefaultGuardianStrategy = new OneForOneStrategy(e =>
        Kernel.SupervisorStrategy.DefaultDecider.Decide(e) is var d && d == Directive.Escalate ? Directive.Stop : d);

    protected internal override bool Receive(object message) => message is Terminated;
    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}

/// <summary>The parent of the root guardian: it completes the system's termination when the root stops.</summary>
internal sealed class RootParentRef(ActorSystem system, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;
    public override ActorSystem System { get; } = system;
    public override void Tell(object message, IActorRef? sender) { }

    public override void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case DeathWatchNotification:
                System.FinishTermination();
                break;
            case Failed f:
                ((IInternalActorRef)f.Child).SendSystemMessage(Terminate.Instance);
                break;
        }
    }
}
