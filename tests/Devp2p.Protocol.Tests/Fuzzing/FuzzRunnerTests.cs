using Devp2p.Fuzzing;
using Devp2p.Fuzzing.Running;

namespace Devp2p.Protocol.Tests.Fuzzing;

/// <summary>
/// The runner applies the outcome rule: with decoders that misbehave on purpose, each kind of
/// misbehaviour is reported as its failure, the run carries on, and every case replays alone.
/// </summary>
public class FuzzRunnerTests
{
    private static readonly FuzzOptions Options = new() { Seed = 42, CaseTimeBudget = TestTime.Budget(30) };

    [Fact]
    public void Runs_are_deterministic_and_every_case_replays_alone()
    {
        var target = FuzzTargets.Find("hello")!;
        var runner = new FuzzRunner(Options);
        var first = Enumerable.Range(0, 50).Select(i => CaseExecutor.Run(target, Options.Seed, i)).ToList();
        var second = Enumerable.Range(0, 50).Select(i => CaseExecutor.Run(target, Options.Seed, i)).ToList();
        Assert.Equal(first.Select(r => Convert.ToHexString(r.Input)), second.Select(r => Convert.ToHexString(r.Input)));
        Assert.Equal(first.Select(r => r.Outcome), second.Select(r => r.Outcome));

        var replayed = runner.Replay(target, 37);
        Assert.Equal(first[37].Input, replayed.Input);
        Assert.Equal(first[37].Detail, replayed.Detail);

        var otherSeed = CaseExecutor.Run(target, Options.Seed + 1, 37);
        Assert.NotEqual(first[37].Input, otherSeed.Input);
    }

    [Fact]
    public void An_exception_of_another_type_is_a_failure_and_the_run_goes_on()
    {
        var target = new ScriptedTarget(i => i % 10 == 3 ? throw new IndexOutOfRangeException("boom") : true);
        var report = new FuzzRunner(Options).Run(target, 40);

        Assert.Equal(40, report.Cases);
        Assert.Equal(4, report.FailureCount);
        Assert.All(report.Failures, f => Assert.Equal(FuzzOutcome.UnexpectedException, f.Outcome));
        Assert.Equal([3L, 13, 23, 33], report.Failures.Select(f => f.CaseIndex));
        Assert.Contains("IndexOutOfRangeException", report.Failures[0].Detail);
    }

    [Fact]
    public void A_typed_error_passes_unless_the_input_was_valid()
    {
        var target = new ScriptedTarget(_ => throw new FormatException("bad"), mustDecodeEvery: 5);
        var report = new FuzzRunner(Options).Run(target, 20);

        Assert.Equal(16, report.TypedErrors);
        Assert.Equal(4, report.FailureCount);
        Assert.All(report.Failures, f => Assert.Equal(FuzzOutcome.ValidRejected, f.Outcome));
    }

    [Fact]
    public void Allocation_sized_by_a_length_field_is_a_failure()
    {
        // Case 2 trusts a "declared length" of 8 MiB for a 16-byte input.
        var target = new ScriptedTarget(i =>
        {
            if (i == 2)
                GC.KeepAlive(new byte[8 << 20]);
            return true;
        });
        var report = new FuzzRunner(Options).Run(target, 5);

        var failure = Assert.Single(report.Failures);
        Assert.Equal(FuzzOutcome.OverAllocation, failure.Outcome);
        Assert.Equal(2, failure.CaseIndex);
        Assert.True(failure.AllocatedBytes >= 8 << 20);
    }

    [Fact]
    public void A_hung_case_is_reported_and_the_next_cases_still_run()
    {
        using var release = new ManualResetEventSlim();
        var target = new ScriptedTarget(i =>
        {
            if (i == 1)
                release.Wait();
            return true;
        });
        var options = Options with { CaseTimeBudget = TestTime.Budget(2) };
        var report = new FuzzRunner(options).Run(target, 4);
        release.Set();

        Assert.Equal(4, report.Cases);
        var failure = Assert.Single(report.Failures);
        Assert.Equal(FuzzOutcome.Hang, failure.Outcome);
        Assert.Equal(1, failure.CaseIndex);
        Assert.Equal(3, report.Decoded);
    }

    [Fact]
    public void A_broken_invariant_is_a_failure()
    {
        var target = new ScriptedTarget(i => i == 0 ? throw new FuzzInvariantException("round trip differs") : true);
        var failure = Assert.Single(new FuzzRunner(Options).Run(target, 3).Failures);
        Assert.Equal(FuzzOutcome.InvariantBroken, failure.Outcome);
        Assert.Contains("round trip differs", failure.Detail);
    }

    /// <summary>A decoder stand-in whose behaviour per case index is scripted; the input is 16 bytes holding the index.</summary>
    private sealed class ScriptedTarget(Func<long, bool> behaviour, int mustDecodeEvery = 0) : FuzzTarget
    {
        public override string Name => "scripted";

        public override string Description => "test double";

        public override FuzzInput CreateInput(FuzzCaseRandom random)
        {
            long index = Interlocked.Increment(ref _next) - 1;
            var bytes = new byte[16];
            BitConverter.TryWriteBytes(bytes, index);
            return new FuzzInput(bytes, mustDecodeEvery > 0 && index % mustDecodeEvery == 0, "scripted");
        }

        private long _next;

        public override byte[] CreateValid(FuzzCaseRandom random) => [];

        public override bool Execute(byte[] input) => input.Length == 0 || behaviour(BitConverter.ToInt64(input));

        public override bool IsTypedError(Exception exception) => exception is FormatException;
    }
}
