namespace Devp2p.Kernel;

/// <summary>Messages the cell handles itself before (or instead of) the actor's behaviour.</summary>
public interface IAutoReceivedMessage { }

/// <summary>A message that does not reset the receive timeout (Akka's <c>INotInfluenceReceiveTimeout</c>).</summary>
public interface INotInfluenceReceiveTimeout { }

/// <summary>Messages that are not logged or published when they end up in dead letters.</summary>
public interface IDeadLetterSuppression { }

/// <summary>Stops the actor after it has processed the messages queued before it.</summary>
public sealed class PoisonPill : IAutoReceivedMessage, IDeadLetterSuppression
{
    public static readonly PoisonPill Instance = new();
    private PoisonPill() { }
    public override string ToString() => "<PoisonPill>";
}

/// <summary>Makes the actor throw <see cref="ActorKilledException"/>, handled by its supervisor (default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    public static readonly Kill Instance = new();
    private Kill() { }
    public override string ToString() => "<Kill>";
}

/// <summary>Sent to a watcher when the watched actor has stopped. Unhandled, it fails the watcher with <see cref="DeathPactException"/>.</summary>
public sealed class Terminated(IActorRef actorRef, bool existenceConfirmed, bool addressTerminated)
    : IDeadLetterSuppression, INotInfluenceReceiveTimeout
{
    public IActorRef ActorRef { get; } = actorRef;
    /// <summary>False when the actor was already dead when the watch arrived.</summary>
    public bool ExistenceConfirmed { get; } = existenceConfirmed;
    /// <summary>Always false here: there is no remoting.</summary>
    public bool AddressTerminated { get; } = addressTerminated;
    public override string ToString() => $"<Terminated>: {ActorRef} - ExistenceConfirmed={ExistenceConfirmed}";
    public override bool Equals(object? obj) => obj is Terminated t && t.ActorRef.Equals(ActorRef);
    public override int GetHashCode() => ActorRef.GetHashCode();
}

/// <summary>Delivered after <see cref="IActorContext.SetReceiveTimeout"/> of inactivity.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();
    private ReceiveTimeout() { }
    public override string ToString() => "<ReceiveTimeout>";
}

/// <summary>Replies that carry success or failure: a <see cref="Failure"/> reply faults an Ask.</summary>
public abstract class Status
{
    private Status() { }

    public sealed class Success(object? status) : Status
    {
        public static readonly Success Instance = new(null);
        public object? Status { get; } = status;
        public override string ToString() => $"Success: {Status}";
    }

    public sealed class Failure(Exception cause, object? state = null) : Status
    {
        public Exception Cause { get; } = cause;
        public object? State { get; } = state;
        public override string ToString() => $"Failure: {Cause}";
    }
}

/// <summary>
/// Internal: a Terminated (or WatchWith message) queued by death watch, kept wrapped so that Unwatch can still
/// suppress it; a Terminated sent or forwarded by user code is an ordinary message.
/// </summary>
internal sealed class DeathWatchNotice(IActorRef actorRef, object message) : IAutoReceivedMessage, IDeadLetterSuppression, INotInfluenceReceiveTimeout
{
    public IActorRef ActorRef { get; } = actorRef;
    public object Message { get; } = message;
}

/// <summary>Internal: the scheduled tick behind <see cref="ReceiveTimeout"/>; stale generations are dropped.</summary>
internal sealed class ReceiveTimeoutTick(int generation) : IAutoReceivedMessage, INotInfluenceReceiveTimeout, IDeadLetterSuppression
{
    public int Generation { get; } = generation;
}
