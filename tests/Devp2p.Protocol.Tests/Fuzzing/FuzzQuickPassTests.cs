using Devp2p.Fuzzing;
using Devp2p.Fuzzing.Running;

namespace Devp2p.Protocol.Tests.Fuzzing;

/// <summary>
/// The CI quick pass: every target's <see cref="FuzzTarget.QuickCases"/> cases with the default
/// seed. Each must end without a failure, and the mix must reach both ends of the decoder: some
/// inputs decode and some are rejected with the typed error (a target that only ever sees one
/// kind is not testing its decoder).
/// </summary>
public class FuzzQuickPassTests
{
    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Target_passes_its_quick_pass(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var report = new FuzzRunner(new FuzzOptions { CaseTimeBudget = TestTime.Budget(30) }).Run(target, target.QuickCases);

        Assert.True(report.FailureCount == 0,
            $"{report.FailureCount} failures; first: " + string.Join("\n", report.Failures.Take(5).Select(f => $"{f} [{f.ReplayCommand}] input {f.InputHex()}")));
        Assert.Equal(target.QuickCases, report.Cases);
        Assert.True(report.Decoded > target.QuickCases / 20, $"only {report.Decoded} of {report.Cases} inputs decoded");
        Assert.True(report.TypedErrors > target.QuickCases / 5, $"only {report.TypedErrors} of {report.Cases} inputs were rejected");
    }

    [Fact]
    public void Target_names_are_unique_and_found_case_insensitively()
    {
        Assert.Equal(FuzzTargets.All.Count, FuzzTargets.All.Select(t => t.Name).Distinct().Count());
        Assert.Same(FuzzTargets.Find("rlp"), FuzzTargets.Find("RLP"));
        Assert.Null(FuzzTargets.Find("no-such-target"));
    }
}
