using System.Diagnostics;
using System.Runtime;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The unmeasured phase every engine workload runs first (<c>--warmup SECONDS</c>): the same load,
/// for at least that long and then until the JIT has settled. .NET runs new code at tier 0 and
/// re-jits hot methods (instrumented, then optimised with PGO) on one background thread; with both
/// cores busy with the workload that queue drains slowly. On a 2-core machine a handshake run
/// after a 4 s warm-up still compiled 3,063 methods while measuring (the JIT took a fifth of the
/// CPU), and after 15 s only 40. A node lives in the steady state, so the figures are taken there;
/// <c>--warmup 0</c> measures the cold start instead. <see cref="JitMethods"/> lets each bench
/// report how many methods were compiled while it measured.
/// </summary>
internal sealed class BenchWarmup
{
    public const double DefaultSeconds = 2;
    public const double MaxSeconds = 600;

    /// <summary>Settled: at most this many methods compiled in the last <see cref="SettleWindow"/>.</summary>
    public const int SettledMethods = 10;
    public static readonly TimeSpan SettleWindow = TimeSpan.FromSeconds(1);

    /// <summary>How long past the minimum the warm-up waits for the JIT, at most: <see cref="SettleFactor"/> times the minimum, up to <see cref="SettleCap"/>.</summary>
    public const int SettleFactor = 10;
    public static readonly TimeSpan SettleCap = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _limit;
    private TimeSpan _windowStart;
    private long _windowStartMethods = JitMethods;
    private bool _done;

    private BenchWarmup(double minimumSeconds)
    {
        _minimum = TimeSpan.FromSeconds(minimumSeconds);
        _limit = _minimum + TimeSpan.FromSeconds(Math.Min(SettleFactor * minimumSeconds, SettleCap.TotalSeconds));
        _done = minimumSeconds <= 0;
    }

    /// <summary>Methods the JIT has compiled in this process so far (every tier counts).</summary>
    public static long JitMethods => JitInfo.GetCompiledMethodCount();

    /// <summary>Starts timing a warm-up of at least <paramref name="minimumSeconds"/> (0: none) and at most
    /// <see cref="SettleFactor"/> + 1 times that (60 s past the minimum at most).</summary>
    public static BenchWarmup Start(double minimumSeconds) => new(minimumSeconds);

    /// <summary>How long the warm-up ran (or has run so far).</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>True while the warm-up should go on; thread-safe, cheap enough to ask per operation.</summary>
    public bool More()
    {
        lock (_gate)
        {
            if (_done)
                return false;
            var now = _watch.Elapsed;
            Elapsed = now;
            if (now - _windowStart >= SettleWindow)
            {
                long methods = JitMethods;
                bool settled = methods - _windowStartMethods <= SettledMethods;
                _windowStart = now;
                _windowStartMethods = methods;
                if (now >= _minimum && (settled || now >= _limit))
                    _done = true;
            }
            return !_done;
        }
    }
}
