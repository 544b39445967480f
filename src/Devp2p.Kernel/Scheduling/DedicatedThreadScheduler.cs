using System.Diagnostics;
using Devp2p.Kernel.Scheduling;

namespace Devp2p.Kernel;

/// <summary>
/// The default scheduler: one background thread over a priority queue ordered by (due time, sequence), so
/// thousands of timers cost one thread and O(log n) per schedule. Cancelled entries are dropped lazily (and
/// purged when they dominate the queue). Tells run inline on the timer thread (an enqueue); actions on the pool.
/// </summary>
public sealed class DedicatedThreadScheduler : IScheduler, IDisposable
{
    private readonly object _lock = new();
    private readonly PriorityQueue<ScheduledWork, (TimeSpan, long)> _queue = new();
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly DateTimeOffset _startWallClock = DateTimeOffset.UtcNow;
    private readonly Thread _thread;
    private long _sequence;
    private bool _disposed;

    public DedicatedThreadScheduler(string name = "devp2p-scheduler")
    {
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public TimeSpan MonotonicClock => Stopwatch.GetElapsedTime(_startTimestamp);
    public DateTimeOffset Now => _startWallClock + MonotonicClock;

    public ICancelable ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender) =>
        Add(ScheduledWork.Tell(MonotonicClock + Clamp(delay), TimeSpan.Zero, receiver, message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender) =>
        Add(ScheduledWork.Tell(MonotonicClock + Clamp(initialDelay), Positive(interval), receiver, message, sender));

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) =>
        Add(ScheduledWork.Act(MonotonicClock + Clamp(delay), TimeSpan.Zero, action));

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action) =>
        Add(ScheduledWork.Act(MonotonicClock + Clamp(initialDelay), Positive(interval), action));

    internal static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    internal static TimeSpan Positive(TimeSpan interval) =>
        interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval), "The interval must be positive.");

    private ScheduledWork Add(ScheduledWork work)
    {
        lock (_lock)
        {
            if (_disposed) return work;
            work.Sequence = _sequence++;
            var wasHead = !_queue.TryPeek(out _, out var head) || (work.Due, work.Sequence).CompareTo(head) < 0;
            _queue.Enqueue(work, (work.Due, work.Sequence));
            if (wasHead) Monitor.Pulse(_lock);
            if (_queue.Count > 4096 && (_sequence & 4095) == 0) PurgeCancelled();
        }
        return work;
    }

    private void PurgeCancelled()
    {
        var live = _queue.UnorderedItems.Where(i => !i.Element.IsCancellationRequested).ToArray();
        if (live.Length * 2 > _queue.Count) return;
        _queue.Clear();
        foreach (var (element, priority) in live) _queue.Enqueue(element, priority);
    }

    private void Run()
    {
        var due = new List<ScheduledWork>();
        while (true)
        {
            lock (_lock)
            {
                while (true)
                {
                    if (_disposed) return;
                    if (!_queue.TryPeek(out var head, out _))
                    {
                        Monitor.Wait(_lock);
                        continue;
                    }
                    if (head.IsCancellationRequested)
                    {
                        _queue.Dequeue();
                        continue;
                    }
                    var wait = head.Due - MonotonicClock;
                    if (wait > TimeSpan.Zero)
                    {
                        Monitor.Wait(_lock, TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))));
                        continue;
                    }
                    break;
                }

                var now = MonotonicClock;
                while (_queue.TryPeek(out var w, out _) && w.Due <= now) due.Add(_queue.Dequeue());
            }

            foreach (var work in due)
            {
                try
                {
                    work.Run();
                }
                catch
                {
                    // A failing Tell target must not kill the timer thread.
                }
                if (work.IsRepeated && !work.IsCancellationRequested)
                {
                    work.Due += work.Interval;
                    Add(work);
                }
            }
            due.Clear();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _queue.Clear();
            Monitor.PulseAll(_lock);
        }
    }
}
