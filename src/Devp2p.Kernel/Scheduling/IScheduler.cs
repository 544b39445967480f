namespace Devp2p.Kernel;

/// <summary>Something scheduled that can be cancelled.</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
}

/// <summary>
/// Delayed and periodic delivery (Akka's <c>IScheduler</c>). Unlike Akka, the Tell methods always return an
/// <see cref="ICancelable"/>. The notion of now is the scheduler's own, so a virtual-time implementation
/// (the TestKit's <c>TestScheduler</c>) also drives receive timeouts, actor timers and supervision windows.
/// </summary>
public interface IScheduler
{
    /// <summary>Wall-clock now as seen by this scheduler.</summary>
    DateTimeOffset Now { get; }

    /// <summary>Monotonic time since the scheduler started.</summary>
    TimeSpan MonotonicClock { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> on the thread pool after the delay.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);

    ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action);
}
