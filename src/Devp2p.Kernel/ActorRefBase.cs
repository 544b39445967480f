using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>The runtime's view of a ref: it can take system messages and knows its system.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem? System { get; }
    void SendSystemMessage(SystemMessage message);
    bool IsTerminated { get; }
}

/// <summary>Equality and printing shared by every ref implementation.</summary>
internal abstract class ActorRefBase : IInternalActorRef
{
    public abstract ActorPath Path { get; }
    public abstract ActorSystem? System { get; }
    public abstract void Tell(object message, IActorRef? sender);
    public abstract void SendSystemMessage(SystemMessage message);
    public abstract bool IsTerminated { get; }

    public bool Equals(IActorRef? other) =>
        other is not null && (ReferenceEquals(this, other) || (Path.Uid == other.Path.Uid && Path.Equals(other.Path)));

    public override bool Equals(object? obj) => obj is IActorRef r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Path.GetHashCode(), Path.Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null) return 1;
        var c = Path.CompareTo(other.Path);
        return c != 0 ? c : Path.Uid.CompareTo(other.Path.Uid);
    }

    public override string ToString() => $"[{Path.ToStringWithUid()}]";
}

/// <summary>A ref with no mailbox: watching it yields Terminated at once (it is never alive as an actor).</summary>
internal abstract class MinimalActorRef : ActorRefBase
{
    public override bool IsTerminated => true;

    public override void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(this) && !w.Watcher.Equals(this))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(this, existenceConfirmed: false, addressTerminated: false));
    }
}

/// <summary><see cref="ActorRefs.Nobody"/>: drops everything.</summary>
internal sealed class Nobody : MinimalActorRef
{
    private static readonly ActorPath NobodyPath = ActorPath.Root("all-systems").Child("Nobody");
    public override ActorPath Path => NobodyPath;
    public override ActorSystem? System => null;
    public override void Tell(object message, IActorRef? sender) { }
    public override string ToString() => "Nobody";
}

/// <summary>The system's dead-letter office: publishes every message it gets as a <see cref="Event.DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;
    public override ActorSystem System { get; } = system;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is Event.DeadLetter dl) System.PublishDeadLetter(dl);
        else System.DeadLetter(message, sender, this);
    }
}

/// <summary>A ref whose Tell runs a callback on the caller's thread. Used for Ask replies and internal EventStream listeners.</summary>
internal sealed class FunctionRef(ActorPath path, ActorSystem? system, Action<object, IActorRef?> onMessage) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;
    public override ActorSystem? System { get; } = system;
    public override void Tell(object message, IActorRef? sender) => onMessage(message, sender);
}

/// <summary>The ref of an actor living in this process: Tell enqueues into its mailbox.</summary>
internal sealed class LocalActorRef : ActorRefBase
{
    public LocalActorRef(ActorCell cell, ActorPath path)
    {
        Cell = cell;
        Path = path;
    }

    public ActorCell Cell { get; }
    public override ActorPath Path { get; }
    public override ActorSystem System => Cell.System;
    public override bool IsTerminated => Cell.Mailbox.IsClosed;

    public override void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Mailbox.Post(new Envelope(message, sender));
    }

    public override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);
}
