using System.Collections.Concurrent;
using Devp2p.Kernel;

namespace Devp2p.Hosting;

/// <summary>The thread-safe <see cref="IActorRegistry"/> the hosting package registers as a singleton.</summary>
public sealed class ActorRegistry : IActorRegistry
{
    private readonly ConcurrentDictionary<Type, TaskCompletionSource<IActorRef>> _entries = new();

    public bool TryRegister<TKey>(IActorRef actor, bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var entry = Entry(typeof(TKey));
        if (entry.TrySetResult(actor))
            return true;
        if (!overwrite)
            return false;
        var replaced = new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously);
        replaced.SetResult(actor);
        _entries[typeof(TKey)] = replaced;
        return true;
    }

    public bool TryGet<TKey>(out IActorRef actor)
    {
        if (_entries.TryGetValue(typeof(TKey), out var entry) && entry.Task.IsCompletedSuccessfully)
        {
            actor = entry.Task.Result;
            return true;
        }
        actor = null!;
        return false;
    }

    public IActorRef Get<TKey>() =>
        TryGet<TKey>(out var actor) ? actor : throw new KeyNotFoundException($"no actor registered under {typeof(TKey).Name} (has the host started?)");

    public Task<IActorRef> GetAsync<TKey>(CancellationToken cancellationToken = default) =>
        Entry(typeof(TKey)).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<IActorRef> Entry(Type key) =>
        _entries.GetOrAdd(key, _ => new TaskCompletionSource<IActorRef>(TaskCreationOptions.RunContinuationsAsynchronously));
}
