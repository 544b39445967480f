using System.Globalization;
using System.Text.Json;
using Devp2p.Cli.Commands.Testnet;

namespace Devp2p.Cli.Tests.Testnet;

/// <summary>
/// Real networks of a few nodes over loopback, through the command: converging (JSON and plain
/// views), failing to converge in an impossible duration, and stopping on Ctrl-C. The duration is
/// generous (times DEVP2P_TEST_TIMEFACTOR): convergence ends the run as soon as it happens.
/// </summary>
public sealed class TestnetEndToEndTests
{
    private static readonly double TimeFactor =
        double.TryParse(Environment.GetEnvironmentVariable("DEVP2P_TEST_TIMEFACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : 1;

    private static string Generous => ((int)(90 * TimeFactor)).ToString(CultureInfo.InvariantCulture) + "s";

    [Fact]
    public void Five_nodes_converge_and_report_json()
    {
        var result = Cli.Run("testnet", "--nodes", "5", "--duration", Generous, "--json");

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Out} {result.Err}");
        Assert.Equal("", result.Err);
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        Assert.Equal(5, root.GetProperty("nodes").GetInt32());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.InRange(root.GetProperty("secondsToConverge").GetDouble(), 0.001, 90 * TimeFactor);
        // Every connection up was dialed by one side: handshakes − drops counts them; 10 pairs need 10.
        var handshakes = root.GetProperty("handshakes").GetInt64();
        var drops = root.GetProperty("drops").EnumerateObject().Sum(p => p.Value.GetInt64());
        Assert.InRange(handshakes - drops, 10, 20);
    }

    [Fact]
    public void Three_nodes_with_eth_converge_in_the_plain_view()
    {
        var result = Cli.Run("testnet", "--nodes", "3", "--protocol", "eth", "--duration", Generous);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Out} {result.Err}");
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("testnet: 3 nodes on 127.0.0.1 running eth", lines[0]);
        var summary = lines.Single(l => l.Contains("converged in", StringComparison.Ordinal));
        Assert.EndsWith("every node has 2 peers", summary);
        Assert.Contains(lines, l => l.Contains("at target 3/3", StringComparison.Ordinal));
        Assert.StartsWith("drops: ", lines[^1]);
    }

    [Fact]
    public void Impossible_duration_exits_1_with_the_summary_and_one_error_line()
    {
        var result = Cli.Run("testnet", "--nodes", "3", "--duration", "1ms", "--json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("secondsToConverge").ValueKind);
        var error = Assert.Single(result.ErrLines);
        Assert.Equal("devp2p: testnet: the network did not converge within 1 ms", error);
    }

    [Fact]
    public async Task Cancelling_stops_the_network_and_exits_1()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var options = TestnetOptions.Parse(4, "1m", "echo", json: true);

        var code = await TestnetCommand.RunAsync(new CliOutput(stdout, stderr), options, cancel.Token).WaitAsync(TimeSpan.FromSeconds(60 * TimeFactor));

        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout.ToString());
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal("devp2p: testnet: cancelled before the network converged", stderr.ToString().TrimEnd());
    }
}
