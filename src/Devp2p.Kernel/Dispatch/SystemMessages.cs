namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// Messages between cells about lifecycle, supervision and death watch. They have their own queue and are
/// processed before user messages, also while the actor is suspended.
/// </summary>
internal abstract class SystemMessage
{
    public override string ToString() => GetType().Name;
}

internal sealed class Create : SystemMessage { public static readonly Create Instance = new(); }
internal sealed class Terminate : SystemMessage { public static readonly Terminate Instance = new(); }
internal sealed class Suspend : SystemMessage { public static readonly Suspend Instance = new(); }

internal sealed class Resume(Exception? causedByFailure) : SystemMessage
{
    public Exception? CausedByFailure { get; } = causedByFailure;
}

internal sealed class Recreate(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

internal sealed class Watch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class Unwatch(IInternalActorRef watchee, IInternalActorRef watcher) : SystemMessage
{
    public IInternalActorRef Watchee { get; } = watchee;
    public IInternalActorRef Watcher { get; } = watcher;
}

internal sealed class DeathWatchNotification(IActorRef actor, bool existenceConfirmed, bool addressTerminated) : SystemMessage
{
    public IActorRef Actor { get; } = actor;
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    public bool AddressTerminated { get; } = addressTerminated;
}

internal sealed class Failed(IActorRef child, Exception cause, long uid) : SystemMessage
{
    public IActorRef Child { get; } = child;
    public Exception Cause { get; } = cause;
    public long Uid { get; } = uid;
}
