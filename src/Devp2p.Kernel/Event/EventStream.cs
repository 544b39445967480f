using System.Collections.Concurrent;

namespace Devp2p.Kernel.Event;

/// <summary>
/// Publish/subscribe by type: a subscriber to a type gets every published event of that type, its subtypes and
/// implementers. Publishing looks up a per-type cache of subscribers (rebuilt lazily after any change), so the hot
/// path is one dictionary read. Local actors are unsubscribed automatically when they stop.
/// </summary>
public sealed class EventStream
{
    private readonly object _lock = new();
    private readonly List<(IActorRef Subscriber, Type Channel)> _subscriptions = new();
    private ConcurrentDictionary<Type, IActorRef[]> _cache = new();

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        if (subscriber is LocalActorRef local)
        {
            if (local.IsTerminated) return false;
            local.Cell.MarkSubscribedToEventStream();
        }
        lock (_lock)
        {
            if (_subscriptions.Any(s => s.Subscriber.Equals(subscriber) && s.Channel == channel)) return false;
            _subscriptions.Add((subscriber, channel));
            _cache = new();
        }
        return true;
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            var removed = _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber) && s.Channel == channel) > 0;
            if (removed) _cache = new();
            return removed;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public bool Unsubscribe(IActorRef subscriber)
    {
        lock (_lock)
        {
            var removed = _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber)) > 0;
            if (removed) _cache = new();
            return removed;
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var subscriber in SubscribersOf(@event.GetType())) subscriber.Tell(@event, null);
    }

    /// <summary>
    /// Whether a published event of exactly <paramref name="eventType"/> would reach anyone now: lets a hot path skip
    /// building an event nobody listens to. The same cache lookup as <see cref="Publish"/>; a subscription made after
    /// the check sees the events published after it, as with Publish itself.
    /// </summary>
    public bool HasSubscribers(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return SubscribersOf(eventType).Length > 0;
    }

    /// <inheritdoc cref="HasSubscribers(Type)"/>
    public bool HasSubscribers<T>() => HasSubscribers(typeof(T));

    private IActorRef[] SubscribersOf(Type type)
    {
        var cache = _cache;
        return cache.TryGetValue(type, out var subscribers) ? subscribers : cache.GetOrAdd(type, Compute);
    }

    private IActorRef[] Compute(Type type)
    {
        lock (_lock)
        {
            return _subscriptions.Where(s => s.Channel.IsAssignableFrom(type)).Select(s => s.Subscriber).Distinct().ToArray();
        }
    }
}
