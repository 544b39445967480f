using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>
/// DeathWatch: exactly one Terminated (or WatchWith message) per watcher. A Terminated is queued as a user
/// message and only delivered if the watch is still in place when it is dequeued, so Unwatch suppresses it.
/// </summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<IActorRef, object?> _watching = new();
    private readonly HashSet<IActorRef> _watchedBy = new();
    private readonly HashSet<IActorRef> _terminatedQueued = new();

    public IActorRef Watch(IActorRef subject) => WatchInternal(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchInternal(subject, message);
    }

    private IActorRef WatchInternal(IActorRef subject, object? message)
    {
        if (subject is not IInternalActorRef target) throw new ArgumentException($"{subject} cannot be watched", nameof(subject));
        if (subject.Equals(Self)) return subject;
        if (_watching.TryGetValue(subject, out var existing))
        {
            if (!Equals(existing, message))
                throw new InvalidOperationException($"Watch calls for {subject} with different messages are not allowed (previous: {existing ?? "Terminated"}, now: {message ?? "Terminated"}).");
            return subject;
        }

        _watching[subject] = message;
        target.SendSystemMessage(new Watch(target, Self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is IInternalActorRef target && _watching.Remove(subject))
        {
            target.SendSystemMessage(new Unwatch(target, Self));
        }
        _terminatedQueued.Remove(subject);
        return subject;
    }

    private void AddWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self) && !watcher.Equals(Self)) _watchedBy.Add(watcher);
    }

    private void RemoveWatcher(IInternalActorRef watchee, IInternalActorRef watcher)
    {
        if (watchee.Equals(Self) && !watcher.Equals(Self)) _watchedBy.Remove(watcher);
    }

    private void WatchedActorTerminated(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (_watching.Remove(actor, out var custom) && !_isTerminating)
        {
            _terminatedQueued.Add(actor);
            var message = custom ?? new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated);
            Self.Tell(new DeathWatchNotice(actor, message), actor);
        }

        HandleChildTerminated(actor);
    }

    private void TellWatchersWeDied()
    {
        foreach (var watcher in _watchedBy)
        {
            if (watcher.Equals(ParentRef)) continue; // the parent is always told, once, in FinishTerminate
            ((IInternalActorRef)watcher).SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
        }
        _watchedBy.Clear();
    }

    private void UnwatchWatchedActors()
    {
        foreach (var watchee in _watching.Keys)
        {
            ((IInternalActorRef)watchee).SendSystemMessage(new Unwatch((IInternalActorRef)watchee, Self));
        }
        _watching.Clear();
        _terminatedQueued.Clear();
    }
}
