namespace Devp2p.Actors.Server;

/// <summary>
/// Carries a disposable resource (an accepted socket, a dialed stream) from a task to its actor
/// without leaking it when the actor stops or gives up first: the task offers the value, the actor
/// takes it while handling the message, and whoever loses the race disposes it. Used because a
/// message that reaches a stopped actor becomes a dead letter nobody disposes.
/// </summary>
internal sealed class Handoff<T> where T : class, IDisposable
{
    private const int Pending = 0, Offered = 1, Taken = 2, Abandoned = 3;
    private int _state;
    private T? _value;

    /// <summary>From the task: true when the actor should now be told; false when the actor gave up (the value is disposed).</summary>
    public bool Offer(T value)
    {
        _value = value;
        if (Interlocked.CompareExchange(ref _state, Offered, Pending) == Pending) return true;
        value.Dispose();
        return false;
    }

    /// <summary>From the actor: the offered value, once.</summary>
    public bool TryTake(out T value)
    {
        if (Interlocked.CompareExchange(ref _state, Taken, Offered) == Offered)
        {
            value = _value!;
            _value = null;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>From the actor (timeout, stop): nobody will take the value; disposes one already offered.</summary>
    public void Abandon()
    {
        var previous = Interlocked.Exchange(ref _state, Abandoned);
        if (previous == Offered) _value?.Dispose();
        if (previous == Taken) Interlocked.Exchange(ref _state, Taken);
    }
}
