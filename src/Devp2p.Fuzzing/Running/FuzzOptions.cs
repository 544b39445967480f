namespace Devp2p.Fuzzing.Running;

/// <summary>How a run goes: the seed every case seed derives from and the per-case time budget.</summary>
public sealed record FuzzOptions
{
    public ulong Seed { get; init; } = FuzzSeed.Default;

    /// <summary>A case running longer than this is a <see cref="FuzzOutcome.Hang"/>. Generous: only real hangs should trip it.</summary>
    public TimeSpan CaseTimeBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Stop a target after this many failures (all are still counted up to then).</summary>
    public int MaxFailuresPerTarget { get; init; } = 1000;
}
