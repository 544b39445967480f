using Devp2p.Kernel.Dispatch;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>
/// How a parent handles its children's failures. Evaluated on the parent's own thread when the child's
/// Failed system message arrives, so a strategy created by the actor may read the actor's state.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>
    /// Akka's default decider: <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/> and
    /// <see cref="DeathPactException"/> stop the child; any other exception restarts it.
    /// </summary>
    public static readonly IDecider DefaultDecider = Kernel.Decider.From(e => e switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    });

    /// <summary>One-for-one with <see cref="DefaultDecider"/> and unlimited restarts.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops any failing child.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(_ => Directive.Stop);

    protected SupervisorStrategy(IDecider decider, bool loggingEnabled)
    {
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    public IDecider Decider { get; }
    public bool LoggingEnabled { get; }

    /// <summary>Applies the directive for a restart or stop, to one child or all of them.</summary>
    internal abstract void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, ChildRestartStats[] children);

    /// <summary>Returns false for Escalate.</summary>
    internal bool HandleFailure(ActorCell parent, IActorRef child, Exception cause, ChildRestartStats stats, ChildRestartStats[] children)
    {
        var directive = Decider.Decide(cause);
        if (LoggingEnabled) LogFailure(parent, child, cause, directive);
        switch (directive)
        {
            case Directive.Resume:
                ((IInternalActorRef)child).SendSystemMessage(new Resume(cause));
                return true;
            case Directive.Restart:
                ProcessFailure(parent, true, child, cause, stats, children);
                return true;
            case Directive.Stop:
                ProcessFailure(parent, false, child, cause, stats, children);
                return true;
            default:
                return false;
        }
    }

    internal static void RestartChild(IActorRef child, Exception cause, bool suspendFirst)
    {
        var c = (IInternalActorRef)child;
        if (suspendFirst) c.SendSystemMessage(Suspend.Instance);
        c.SendSystemMessage(new Recreate(cause));
    }

    private static void LogFailure(ActorCell parent, IActorRef child, Exception cause, Directive directive)
    {
        if (directive == Directive.Escalate) return;
        var log = parent.System.CreateLogger(child.Path.ToString(), typeof(SupervisorStrategy));
        var message = cause is ActorInitializationException { InnerException: { } inner } ? inner.Message : cause.Message;
        if (directive == Directive.Resume) log.Warning(cause, "{Message} (resumed)", message);
        else log.Error(cause, "{Message} ({Directive})", message, directive);
    }
}

/// <summary>Applies the directive to the failing child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <param name="maxNrOfRetries">-1 for unlimited; exceeded within <paramref name="withinTimeRange"/> → Stop.</param>
    /// <param name="withinTimeRange">null (or infinite) for no window.</param>
    /// <param name="decider">Maps the failure to a directive.</param>
    /// <param name="loggingEnabled">Whether failures are logged (errors, and warnings for Resume).</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider, bool loggingEnabled = true)
        : base(decider, loggingEnabled)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : this(maxNrOfRetries, withinTimeRange, Kernel.Decider.From(decider), loggingEnabled) { }

    public OneForOneStrategy(IDecider decider) : this(-1, null, decider) { }
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    public int MaxNrOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }

    internal override void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, ChildRestartStats[] children)
    {
        if (restart && stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, parent.System.Scheduler.MonotonicClock))
            RestartChild(child, cause, suspendFirst: false);
        else
            parent.Stop(child);
    }
}

/// <summary>Applies the directive to all children when one fails (Resume only to the failing one).</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider, bool loggingEnabled = true)
        : base(decider, loggingEnabled)
    {
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
    }

    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : this(maxNrOfRetries, withinTimeRange, Kernel.Decider.From(decider), loggingEnabled) { }

    public AllForOneStrategy(IDecider decider) : this(-1, null, decider) { }
    public AllForOneStrategy(Func<Exception, Directive> decider) : this(-1, null, decider) { }

    public int MaxNrOfRetries { get; }
    public TimeSpan? WithinTimeRange { get; }

    internal override void ProcessFailure(ActorCell parent, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, ChildRestartStats[] children)
    {
        if (children.Length == 0) return;
        var now = parent.System.Scheduler.MonotonicClock;
        if (restart && children.All(c => c.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange, now)))
        {
            foreach (var c in children) RestartChild(c.Child, cause, suspendFirst: !c.Child.Equals(child));
        }
        else
        {
            foreach (var c in children) parent.Stop(c.Child);
        }
    }
}
