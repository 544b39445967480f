using Devp2p.Fuzzing;

namespace Devp2p.Cli.Tests;

/// <summary><c>devp2p fuzz</c>: the table per target, replay of one case, and the usage errors.</summary>
public class FuzzCommandTests
{
    [Fact]
    public void List_names_every_target()
    {
        var result = Cli.Run("fuzz", "--list");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(FuzzTargets.All.Select(t => t.Name), lines.Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public void A_run_prints_cases_and_failures_per_target()
    {
        var result = Cli.Run("fuzz", "--target", "disconnect", "--cases", "300", "--seed", "5");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("seed 5", result.Out);
        var row = result.Out.Split('\n').Single(l => l.StartsWith("disconnect ", StringComparison.Ordinal));
        var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("300", columns[1]);
        Assert.Equal(300, long.Parse(columns[2]) + long.Parse(columns[3]));
        Assert.Equal("0", columns[4]);
        Assert.Contains("300 cases, 0 failures", result.Out);
    }

    [Fact]
    public void Replay_shows_the_input_and_outcome_of_one_case()
    {
        var result = Cli.Run("fuzz", "--target", "hello", "--seed", "5", "--replay", "17");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("hello seed 5 case 17", result.Out);
        var expected = global::Devp2p.Fuzzing.Running.CaseExecutor.Run(FuzzTargets.Find("hello")!, 5, 17);
        Assert.Contains(Convert.ToHexStringLower(expected.Input), result.Out);
        Assert.Contains($"outcome: {expected.Outcome}", result.Out);
    }

    [Fact]
    public void An_unknown_target_is_a_usage_error()
    {
        Cli.AssertFails(Cli.Run("fuzz", "--target", "nope", "--cases", "1"), "unknown fuzz target \"nope\"");
    }

    [Fact]
    public void Replay_without_a_target_is_a_usage_error()
    {
        Cli.AssertFails(Cli.Run("fuzz", "--replay", "3"), "--replay needs --target");
    }

    [Fact]
    public void Zero_cases_is_a_usage_error()
    {
        Cli.AssertFails(Cli.Run("fuzz", "--cases", "0"), "--cases must be at least 1");
    }
}
