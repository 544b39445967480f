using Devp2p.Cli.Commands.Bench;

namespace Devp2p.Cli.Tests.Bench;

/// <summary>Reading the harness's JSON lines (tests/interop/bench.mjs); running it is the interop suite's business.</summary>
public sealed class EthereumJsBenchTests
{
    [Fact]
    public void The_result_line_gives_the_figures_in_order_with_null_as_not_a_number()
    {
        var figures = EthereumJsBench.Parse("handshake",
            ["noise", """{"event":"result","workload":"handshake","figures":{"handshakesPerSecond":12.5,"latencyP50Ms":null,"failures":0}}"""], "");
        Assert.Equal(["handshakesPerSecond", "latencyP50Ms", "failures"], figures.Select(f => f.Name));
        Assert.Equal(12.5, figures[0].Value);
        Assert.True(double.IsNaN(figures[1].Value));
        Assert.Equal(0, figures[2].Value);
    }

    [Fact]
    public void An_error_line_or_no_result_is_a_user_error_naming_the_cause()
    {
        var error = Assert.Throws<CliException>(() => EthereumJsBench.Parse("throughput", ["""{"event":"error","message":"echo/1 was not matched"}"""], ""));
        Assert.Equal("bench throughput --compare ethereumjs: echo/1 was not matched", error.Message);
        var silent = Assert.Throws<CliException>(() => EthereumJsBench.Parse("discovery", [], "Error: Cannot find module 'x'\n"));
        Assert.Contains("printed no result (Error: Cannot find module 'x')", silent.Message);
    }

    [Fact]
    public void Ethereumjs_figures_get_their_own_column_in_the_table()
    {
        var result = new BenchResult("handshake", [new("handshakesPerSecond", 100, "1/s")], [new("handshakesPerSecond", 200, "1/s")],
            "handshakesPerSecond", []) { EthereumJs = [new("handshakesPerSecond", 40, "")] };
        var text = new StringWriter { NewLine = "\n" };
        BenchTableWriter.Write(result, text);
        var lines = text.ToString().Split('\n');
        Assert.Matches(@"^figure\s+ours\s+floor\s+ours/floor\s+ethereumjs$", lines[1]);
        Assert.Matches(@"^handshakesPerSecond \(1/s\)\s+100\s+200\s+0\.5×\s+40$", lines[2]);
    }
}

/// <summary>Changes a process-wide variable: not run in parallel with anything reading it.</summary>
[Collection(nameof(EthereumJsDirectoryCollection))]
public sealed class EthereumJsUnavailableTests
{
    [Fact]
    public void A_comparison_that_cannot_run_keeps_our_figures_and_says_why()
    {
        Environment.SetEnvironmentVariable(EthereumJsBench.DirectoryVariable, Path.Combine(Path.GetTempPath(), "no-devp2p-harness-here"));
        try
        {
            var run = Cli.Run("bench", "throughput", "--size", "64", "--messages", "20", "--warmup", "0", "--compare", "ethereumjs", "--json");
            Assert.True(run.ExitCode == 0, run.Err);
            var json = System.Text.Json.JsonDocument.Parse(run.Out).RootElement;
            Assert.True(json.GetProperty("ours").GetProperty("messagesPerSecond").GetDouble() > 0);
            Assert.Empty(json.GetProperty("ethereumjs").EnumerateObject());
            Assert.Contains("bench.mjs not found", json.GetProperty("settings").GetProperty("ethereumjsError").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(EthereumJsBench.DirectoryVariable, null);
        }
    }
}

[CollectionDefinition(nameof(EthereumJsDirectoryCollection), DisableParallelization = true)]
public sealed class EthereumJsDirectoryCollection;
