using System.Diagnostics;

namespace Devp2p.Kernel.TestKit;

/// <summary>Time-boxed blocks and polling assertions.</summary>
public abstract partial class TestKitBase
{
    /// <summary>Runs <paramref name="action"/>, failing if it takes longer than <paramref name="max"/>; expectations inside default to the time left.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return 0;
    });

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var start = Stopwatch.GetTimestamp();
        var previous = _deadline;
        var deadline = start + (long)(max.TotalSeconds * Stopwatch.Frequency);
        _deadline = previous is { } p ? Math.Min(p, deadline) : deadline;
        try
        {
            var result = function();
            var elapsed = Stopwatch.GetElapsedTime(start);
            if (elapsed < min) throw Fail($"Block took {elapsed}, should have taken at least {min}");
            if (elapsed > max) throw Fail($"Block took {elapsed}, exceeding {max}");
            return result;
        }
        finally
        {
            _deadline = previous;
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing or the time is up (then rethrows its last failure).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Timeout(duration).TotalSeconds * Stopwatch.Frequency);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Stopwatch.GetTimestamp() < deadline)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it is true; fails when the time is up.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var timeout = Timeout(max);
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() >= deadline) throw Fail($"Timeout ({timeout}) waiting for condition{(message is null ? "" : ": " + message)}");
            Thread.Sleep(pause);
        }
    }
}
