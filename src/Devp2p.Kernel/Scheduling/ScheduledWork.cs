namespace Devp2p.Kernel.Scheduling;

/// <summary>One entry of a scheduler's queue: a Tell or an action, once or repeated. Ordered by (due, sequence).</summary>
public sealed class ScheduledWork : ICancelable
{
    private readonly ICanTell? _receiver;
    private readonly object? _message;
    private readonly IActorRef? _sender;
    private readonly Action? _action;
    private int _cancelled;

    internal ScheduledWork(TimeSpan due, TimeSpan interval, ICanTell? receiver, object? message, IActorRef? sender, Action? action)
    {
        if (interval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
        Due = due;
        Interval = interval;
        _receiver = receiver;
        _message = message;
        _sender = sender;
        _action = action;
    }

    /// <summary>Scheduler time at which it runs next.</summary>
    public TimeSpan Due { get; internal set; }

    /// <summary>Zero for once.</summary>
    public TimeSpan Interval { get; }

    public bool IsRepeated => Interval > TimeSpan.Zero;
    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;
    internal long Sequence { get; set; }

    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    /// <summary>Runs it now: a Tell inline, an action on the thread pool.</summary>
    internal void Run()
    {
        if (IsCancellationRequested) return;
        if (_action is not null) ThreadPool.UnsafeQueueUserWorkItem(static a => a(), _action, preferLocal: false);
        else _receiver!.Tell(_message!, _sender);
    }

    internal static ScheduledWork Tell(TimeSpan due, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return new(due, interval, receiver, message, sender, null);
    }

    internal static ScheduledWork Act(TimeSpan due, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new(due, interval, null, null, null, action);
    }
}
