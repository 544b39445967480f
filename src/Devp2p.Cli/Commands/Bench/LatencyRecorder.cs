namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// Collects latency samples (thread-safe) and reports percentiles by the nearest-rank method.
/// Samples are kept, not bucketed: benchmark runs take at most a few hundred thousand.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly List<double> _millis = [];

    public int Count
    {
        get
        {
            lock (_millis)
                return _millis.Count;
        }
    }

    public void Add(TimeSpan latency)
    {
        lock (_millis)
            _millis.Add(latency.TotalMilliseconds);
    }

    /// <summary>The <paramref name="percent"/>-th percentile in milliseconds (nearest rank); NaN without samples.</summary>
    public double PercentileMs(double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100.0);
        double[] sorted;
        lock (_millis)
            sorted = [.. _millis];
        if (sorted.Length == 0)
            return double.NaN;
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
