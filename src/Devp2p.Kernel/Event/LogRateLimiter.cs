namespace Devp2p.Kernel.Event;

/// <summary>
/// Keeps one misbehaving source from flooding the log: at most <c>limit</c> records per key (say, one
/// bad peer and one kind of complaint) in each <c>interval</c>; the rest are counted, and the first
/// record let through after the window reports how many were held back. Time is passed in (the
/// scheduler's monotonic clock), so the TestKit's virtual time drives it. Thread-safe; at most
/// <c>maxKeys</c> keys are remembered (expired windows are evicted first), so memory stays bounded.
/// </summary>
public sealed class LogRateLimiter
{
    private readonly object _lock = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly int _maxKeys;

    public LogRateLimiter(int limit, TimeSpan interval, int maxKeys = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxKeys);
        Limit = limit;
        Interval = interval;
        _maxKeys = maxKeys;
    }

    public int Limit { get; }

    public TimeSpan Interval { get; }

    /// <summary>Counts one record for <paramref name="key"/> at <paramref name="now"/>: whether to write it, and how many were held back in the window that just closed.</summary>
    public LogRateDecision Check(string key, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (!_windows.TryGetValue(key, out var window))
            {
                if (_windows.Count >= _maxKeys) Evict(now);
                window = new Window(now);
                _windows[key] = window;
            }
            int suppressedBefore = 0;
            if (now - window.Start >= Interval)
            {
                suppressedBefore = window.Suppressed;
                window.Start = now;
                window.Count = 0;
                window.Suppressed = 0;
            }
            if (++window.Count <= Limit) return new LogRateDecision(true, suppressedBefore);
            window.Suppressed++;
            return new LogRateDecision(false, suppressedBefore);
        }
    }

    private void Evict(TimeSpan now)
    {
        foreach (var (key, window) in _windows.ToArray())
        {
            if (now - window.Start >= Interval) _windows.Remove(key);
        }
        if (_windows.Count >= _maxKeys) _windows.Clear(); // a flood of distinct keys: forget them all rather than grow
    }

    private sealed class Window(TimeSpan start)
    {
        public TimeSpan Start = start;
        public int Count;
        public int Suppressed;
    }
}

/// <summary>The answer of <see cref="LogRateLimiter.Check"/>.</summary>
public readonly record struct LogRateDecision(bool Write, int SuppressedBefore);

/// <summary>Rate-limited logging on any <see cref="ILoggingAdapter"/>.</summary>
public static class RateLimitedLogging
{
    /// <summary>
    /// Writes the record if <paramref name="limiter"/> lets <paramref name="key"/> through; when a window
    /// closed with records held back, first writes one "suppressed N" line (properties <c>LimitKey</c>,
    /// <c>Suppressed</c>, <c>Interval</c>). Returns whether the record itself was written.
    /// </summary>
    public static bool LogLimited(this ILoggingAdapter log, LogRateLimiter limiter, string key, TimeSpan now,
        LogLevel level, string template, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(limiter);
        if (!log.IsEnabled(level)) return false;
        var decision = limiter.Check(key, now);
        if (decision.SuppressedBefore > 0)
            log.Log(level, null, "suppressed {Suppressed} similar messages about {LimitKey} in the last {Interval}",
                decision.SuppressedBefore, key, limiter.Interval);
        if (decision.Write) log.Log(level, null, template, args);
        return decision.Write;
    }
}
