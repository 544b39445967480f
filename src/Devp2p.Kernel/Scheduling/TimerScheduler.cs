namespace Devp2p.Kernel;

/// <summary>An actor that owns keyed timers (Akka's <c>IWithTimers</c>); they are cancelled on stop and restart.</summary>
public interface IWithTimers
{
    /// <summary>Set by the runtime when the instance is created.</summary>
    ITimerScheduler Timers { get; set; }
}

/// <summary>Keyed timers of one actor. Starting a timer with a key in use replaces it: the old one's message is never delivered.</summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);
    void StartPeriodicTimer(object key, object message, TimeSpan interval);
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);
    bool IsTimerActive(object key);
    void Cancel(object key);
    void CancelAll();
}

/// <summary>
/// Timers live in the cell. Each start gets a new generation and the scheduled message carries it; a message
/// that was already in the mailbox when its timer was cancelled or replaced no longer matches and is dropped.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Timer> _timers = new();
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan timeout) => Start(key, message, timeout, TimeSpan.Zero);
    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);
    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Task.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Task.Cancel();
        _timers.Clear();
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var timerMessage = new TimerMessage(key, generation, message);
        var scheduler = cell.System.Scheduler;
        var task = interval > TimeSpan.Zero
            ? scheduler.ScheduleTellRepeatedly(delay, interval, cell.Self, timerMessage, null)
            : scheduler.ScheduleTellOnce(delay, cell.Self, timerMessage, null);
        _timers[key] = new Timer(generation, interval > TimeSpan.Zero, task);
    }

    /// <summary>On the actor's thread: whether this timer message is still current; single timers are then removed.</summary>
    internal bool TryAccept(TimerMessage message, out object payload)
    {
        payload = message.Message;
        if (!_timers.TryGetValue(message.Key, out var timer) || timer.Generation != message.Generation) return false;
        if (!timer.Repeat) _timers.Remove(message.Key);
        return true;
    }

    private sealed record Timer(int Generation, bool Repeat, ICancelable Task);

    internal sealed class TimerMessage(object key, int generation, object message) : IAutoReceivedMessage, IDeadLetterSuppression
    {
        public object Key { get; } = key;
        public int Generation { get; } = generation;
        public object Message { get; } = message;
    }
}
