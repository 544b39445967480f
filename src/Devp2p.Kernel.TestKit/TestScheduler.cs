using Devp2p.Kernel.Scheduling;

namespace Devp2p.Kernel.TestKit;

/// <summary>
/// Virtual time (Akka's <c>TestScheduler</c>): nothing is due until the test calls <see cref="Advance"/>, which
/// delivers every Tell that falls due, in (due time, scheduling order), moving <see cref="Now"/> step by step.
/// Plugged in as the system's scheduler, it drives receive timeouts, actor timers, supervision windows and
/// backoff delays. A Tell scheduled with zero or negative delay is delivered immediately.
/// </summary>
public sealed class TestScheduler : IScheduler
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly object _lock = new();
    private readonly PriorityQueue<ScheduledWork, (TimeSpan, long)> _queue = new();
    private readonly object _advanceLock = new();
    private TimeSpan _now;
    private long _sequence;

    public DateTimeOffset Now => Epoch + MonotonicClock;

    public TimeSpan MonotonicClock
    {
        get { lock (_lock) return _now; }
    }

    /// <summary>Scheduled entries not yet run or cancelled.</summary>
    public int PendingCount
    {
        get { lock (_lock) return _queue.UnorderedItems.Count(i => !i.Element.IsCancellationRequested); }
    }

    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Add(ScheduledWork.Tell(TimeSpan.Zero, TimeSpan.Zero, receiver, message, sender), delay);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        Add(ScheduledWork.Tell(TimeSpan.Zero, DedicatedThreadScheduler.Positive(interval), receiver, message, sender), initialDelay);

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) =>
        Add(ScheduledWork.Act(TimeSpan.Zero, TimeSpan.Zero, action), delay);

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action) =>
        Add(ScheduledWork.Act(TimeSpan.Zero, DedicatedThreadScheduler.Positive(interval), action), initialDelay);

    private ScheduledWork Add(ScheduledWork work, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero && !work.IsRepeated)
        {
            work.Run();
            return work;
        }
        lock (_lock)
        {
            work.Due = _now + DedicatedThreadScheduler.Clamp(delay);
            Enqueue(work);
        }
        return work;
    }

    private void Enqueue(ScheduledWork work)
    {
        work.Sequence = _sequence++;
        _queue.Enqueue(work, (work.Due, work.Sequence));
    }

    /// <summary>Moves virtual time forward, delivering everything that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by));
        AdvanceTo(MonotonicClock + by);
    }

    public void AdvanceTo(TimeSpan target)
    {
        lock (_advanceLock)
        {
            while (true)
            {
                ScheduledWork work;
                lock (_lock)
                {
                    if (!_queue.TryPeek(out work!, out _) || work.Due > target) break;
                    _queue.Dequeue();
                    if (work.Due > _now) _now = work.Due;
                }
                if (work.IsCancellationRequested) continue;
                work.Run();
                if (work.IsRepeated && !work.IsCancellationRequested)
                {
                    lock (_lock)
                    {
                        work.Due += work.Interval;
                        Enqueue(work);
                    }
                }
            }
            lock (_lock)
            {
                if (target > _now) _now = target;
            }
        }
    }
}
