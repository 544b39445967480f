namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The unmeasured phase every engine workload runs first (<c>--warmup SECONDS</c>). .NET's tiered
/// compilation runs new code at tier 0 and re-jits hot methods (with PGO) only after they have been
/// called for a while, so the first seconds of a workload measure the JIT and slow code, not the
/// engine: on a quiet 2-core machine, 64 B echoes ran at 70,000 messages/s over the first 50,000
/// requests and 268,000/s over 500,000; handshakes spent 7–10 % of the CPU in the JIT after 7 s.
/// A node lives in the steady state, so the figures are taken there.
/// </summary>
internal static class BenchWarmup
{
    public const double DefaultSeconds = 2;
    public const double MaxSeconds = 600;
}
