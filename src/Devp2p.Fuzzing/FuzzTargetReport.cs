namespace Devp2p.Fuzzing;

/// <summary>
/// What a run of one target did: cases, how they ended, the largest allocation seen, time, and the
/// first failures (all of them counted, the first <see cref="MaxKeptFailures"/> kept for replay).
/// </summary>
public sealed class FuzzTargetReport(string target, ulong runSeed)
{
    public const int MaxKeptFailures = 20;

    private readonly List<FuzzCaseResult> _failures = [];

    public string Target { get; } = target;

    public ulong RunSeed { get; } = runSeed;

    public long Cases { get; private set; }

    public long Decoded { get; private set; }

    public long TypedErrors { get; private set; }

    public long FailureCount { get; private set; }

    public long MaxAllocatedBytes { get; private set; }

    public TimeSpan Elapsed { get; internal set; }

    public IReadOnlyList<FuzzCaseResult> Failures => _failures;

    public IReadOnlyDictionary<FuzzOutcome, long> FailuresByOutcome => _byOutcome;

    private readonly Dictionary<FuzzOutcome, long> _byOutcome = [];

    internal void Add(FuzzCaseResult result)
    {
        Cases++;
        MaxAllocatedBytes = Math.Max(MaxAllocatedBytes, result.AllocatedBytes);
        switch (result.Outcome)
        {
            case FuzzOutcome.Decoded:
                Decoded++;
                break;
            case FuzzOutcome.TypedError:
                TypedErrors++;
                break;
            default:
                FailureCount++;
                _byOutcome[result.Outcome] = _byOutcome.GetValueOrDefault(result.Outcome) + 1;
                if (_failures.Count < MaxKeptFailures)
                    _failures.Add(result);
                break;
        }
    }
}
