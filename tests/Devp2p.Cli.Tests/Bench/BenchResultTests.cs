using System.Text.Json;
using Devp2p.Cli.Commands.Bench;

namespace Devp2p.Cli.Tests.Bench;

/// <summary>The result's arithmetic and its two printed forms, on hand-made figures.</summary>
public sealed class BenchResultTests
{
    private static BenchResult Sample(IReadOnlyList<BenchFigure>? ethereumJs = null) => new(
        "throughput",
        [new("messagesPerSecond", 300, "1/s"), new("megabytesPerSecond", 19.2, "MB/s"), new("latencyP99Ms", double.NaN, "ms")],
        [new("messagesPerSecond", 1200, "1/s"), new("megabytesPerSecond", 76.8, "MB/s")],
        "megabytesPerSecond",
        [new("size", 64), new("floor", "keccak + aes")]) { EthereumJs = ethereumJs };

    [Fact]
    public void Ratio_is_ours_over_floor_of_the_named_figure()
    {
        var result = Sample();
        Assert.Equal(19.2 / 76.8, result.Ratio, 12);
        Assert.Equal(["messagesPerSecond", "megabytesPerSecond"], result.Ratios.Select(r => r.Name));
        Assert.Equal(0.25, result.Ratios[0].Value, 12);
    }

    [Fact]
    public void Ratio_of_a_figure_without_floor_is_not_a_number()
    {
        var result = Sample() with { RatioOf = "latencyP99Ms" };
        Assert.True(double.IsNaN(result.Ratio));
    }

    [Fact]
    public void Json_has_the_fields_in_order_and_null_for_unmeasured_figures()
    {
        var text = new StringWriter();
        BenchJsonWriter.Write(Sample([new("messagesPerSecond", 150, "1/s")]), text);
        using var doc = JsonDocument.Parse(text.ToString());
        var root = doc.RootElement;
        Assert.Equal(["workload", "ours", "floor", "ratio", "ratioOf", "ratios", "settings", "ethereumjs"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0.25, root.GetProperty("ratio").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ours").GetProperty("latencyP99Ms").ValueKind);
        Assert.Equal(64, root.GetProperty("settings").GetProperty("size").GetInt32());
        Assert.Equal("keccak + aes", root.GetProperty("settings").GetProperty("floor").GetString());
        Assert.Equal(150, root.GetProperty("ethereumjs").GetProperty("messagesPerSecond").GetDouble());
    }

    [Fact]
    public void Table_lines_up_ours_floor_and_ratio()
    {
        var text = new StringWriter { NewLine = "\n" };
        BenchTableWriter.Write(Sample(), text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("devp2p bench throughput", lines[0]);
        Assert.Matches(@"^figure\s+ours\s+floor\s+ours/floor$", lines[1]);
        Assert.Matches(@"^messagesPerSecond \(1/s\)\s+300\s+1,200\s+0\.25×$", lines[2]);
        Assert.Matches(@"^latencyP99Ms \(ms\)\s+n/a$", lines[4]);
        Assert.Equal("ratio (megabytesPerSecond, ours/floor): 0.25", lines[5]);
        Assert.Equal("settings: size=64, floor=keccak + aes", lines[6]);
    }
}
