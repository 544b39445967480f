using System.Diagnostics;

namespace Devp2p.Fuzzing.Running;

/// <summary>
/// Runs a target's cases in order on a dedicated worker thread while the calling thread watches
/// the clock: a case that outlives <see cref="FuzzOptions.CaseTimeBudget"/> is recorded as a
/// <see cref="FuzzOutcome.Hang"/>, its worker abandoned (a background thread; .NET cannot abort
/// it) and a fresh worker carries on from the next case. Case <c>i</c> depends only on the
/// seed, the target name and <c>i</c>, so every result replays alone.
/// </summary>
public sealed class FuzzRunner(FuzzOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public FuzzOptions Options { get; } = options;

    /// <summary>Runs cases 0..<paramref name="cases"/>-1 of <paramref name="target"/>.</summary>
    public FuzzTargetReport Run(FuzzTarget target, long cases)
    {
        var report = new FuzzTargetReport(target.Name, Options.Seed);
        var clock = Stopwatch.StartNew();
        long next = 0;
        bool warm = false;
        while (next < cases && report.FailureCount < Options.MaxFailuresPerTarget)
        {
            var worker = new Worker(target, Options, report, next, cases, warmUp: !warm);
            warm = true;
            worker.Start();
            while (!worker.Join(PollInterval))
            {
                if (worker.CurrentCaseRunningFor() > Options.CaseTimeBudget)
                {
                    long hung = worker.Abandon();
                    lock (report)
                        report.Add(new FuzzCaseResult(target.Name, Options.Seed, hung, FuzzOutcome.Hang, "?", 0, 0,
                            $"still running after {Options.CaseTimeBudget.TotalSeconds:0.#} s", []));
                    break;
                }
            }
            next = worker.NextCase;
        }
        report.Elapsed = clock.Elapsed;
        return report;
    }

    /// <summary>Runs one case alone (for replay), under the same time budget.</summary>
    public FuzzCaseResult Replay(FuzzTarget target, long caseIndex)
    {
        FuzzCaseResult? result = null;
        var thread = new Thread(() =>
        {
            CaseExecutor.WarmUp(target, Options.Seed);
            result = CaseExecutor.Run(target, Options.Seed, caseIndex);
        }) { IsBackground = true, Name = $"fuzz replay {target.Name}" };
        thread.Start();
        if (!thread.Join(Options.CaseTimeBudget + TimeSpan.FromSeconds(5)))
            return new FuzzCaseResult(target.Name, Options.Seed, caseIndex, FuzzOutcome.Hang, "?", 0, 0, "still running after the time budget", []);
        return result!;
    }

    private sealed class Worker
    {
        private readonly FuzzTarget _target;
        private readonly FuzzOptions _options;
        private readonly FuzzTargetReport _report;
        private readonly long _end;
        private readonly bool _warmUp;
        private readonly Thread _thread;
        private long _current;
        private long _startedAt;
        private volatile bool _abandoned;

        public Worker(FuzzTarget target, FuzzOptions options, FuzzTargetReport report, long start, long end, bool warmUp)
        {
            _target = target;
            _options = options;
            _report = report;
            _current = start;
            _end = end;
            _warmUp = warmUp;
            _startedAt = Stopwatch.GetTimestamp();
            _thread = new Thread(Loop) { IsBackground = true, Name = $"fuzz {target.Name}" };
        }

        /// <summary>The first case not yet recorded.</summary>
        public long NextCase => Interlocked.Read(ref _current);

        public void Start() => _thread.Start();

        public bool Join(TimeSpan timeout) => _thread.Join(timeout);

        public TimeSpan CurrentCaseRunningFor() => Stopwatch.GetElapsedTime(Interlocked.Read(ref _startedAt));

        /// <summary>Stops recording this worker's results and returns the case it is stuck in; the next worker starts after it.</summary>
        public long Abandon()
        {
            lock (_report)
            {
                _abandoned = true;
                return Interlocked.Increment(ref _current) - 1;
            }
        }

        private void Loop()
        {
            if (_warmUp)
                CaseExecutor.WarmUp(_target, _options.Seed);
            while (true)
            {
                long index = Interlocked.Read(ref _current);
                if (index >= _end)
                    return;
                Interlocked.Exchange(ref _startedAt, Stopwatch.GetTimestamp());
                var result = CaseExecutor.Run(_target, _options.Seed, index);
                lock (_report)
                {
                    if (_abandoned)
                        return;
                    _report.Add(result);
                    Interlocked.Increment(ref _current);
                    if (_report.FailureCount >= _options.MaxFailuresPerTarget)
                        return;
                }
            }
        }
    }
}
