namespace Devp2p.Kernel;

/// <summary>
/// A ReceiveActor behaviour: handlers in registration order, with the candidate list per message type
/// computed once and cached (the actor is single-threaded, so the cache needs no lock).
/// </summary>
internal sealed class HandlerTable
{
    private readonly (Type Type, Func<object, bool> Handler)[] _entries;
    private readonly Dictionary<Type, Func<object, bool>[]> _cache = new();
    private Type? _lastType;
    private Func<object, bool>[] _lastCandidates = [];

    private HandlerTable((Type, Func<object, bool>)[] entries) => _entries = entries;

    public bool TryHandle(object message)
    {
        var type = message.GetType();
        var candidates = ReferenceEquals(type, _lastType) ? _lastCandidates : Lookup(type);
        foreach (var handler in candidates)
        {
            if (handler(message)) return true;
        }
        return false;
    }

    // Kept out of TryHandle: a lambda capturing a local makes the compiler allocate its closure at the local's
    // declaration, i.e. once per message, even when the lambda never runs.
    private Func<object, bool>[] Lookup(Type type)
    {
        if (!_cache.TryGetValue(type, out var found))
        {
            found = Candidates(type);
            _cache[type] = found;
        }
        _lastType = type;
        _lastCandidates = found;
        return found;
    }

    /// <summary>The handlers whose type accepts <paramref name="type"/>, in order (a loop: LINQ allocated three iterators and a closure per new type, per actor).</summary>
    private Func<object, bool>[] Candidates(Type type)
    {
        int count = 0;
        foreach (var (t, _) in _entries)
        {
            if (t.IsAssignableFrom(type))
                count++;
        }
        if (count == 0)
            return [];
        var found = new Func<object, bool>[count];
        int i = 0;
        foreach (var (t, handler) in _entries)
        {
            if (t.IsAssignableFrom(type))
                found[i++] = handler;
        }
        return found;
    }

    public sealed class Builder
    {
        private readonly List<(Type, Func<object, bool>)> _entries = new();
        public void Add(Type type, Func<object, bool> handler) => _entries.Add((type, handler));
        public HandlerTable Build() => new(_entries.ToArray());
    }
}
