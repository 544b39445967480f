using Devp2p.Cli.Commands.Testnet;
using Devp2p.Protocol.P2p;
using Spectre.Console;

namespace Devp2p.Cli.Tests.Testnet;

/// <summary>The views render what the runner reports, without a network: a scripted run feeds them snapshots.</summary>
public sealed class TestnetViewTests
{
    private static readonly TestnetOptions Options = TestnetOptions.Parse(3, "10s", "echo", json: false);

    private static TestnetSnapshot Snapshot(int peersOfNode2) => new(TimeSpan.FromSeconds(1.5), 2,
        [
            new NodeSnapshot(0, 2, 2, 1, 4, new Dictionary<DisconnectReason, long>()),
            new NodeSnapshot(1, 2, 2, 1, 4, new Dictionary<DisconnectReason, long> { [DisconnectReason.AlreadyConnected] = 1 }),
            new NodeSnapshot(2, peersOfNode2, 1, 1, 0, new Dictionary<DisconnectReason, long>()),
        ], 12);

    private static Task<TestnetResult> Scripted(Action<TestnetSnapshot> show)
    {
        show(Snapshot(1));
        var final = Snapshot(2);
        show(final);
        return Task.FromResult(new TestnetResult(Options, true, TimeSpan.FromSeconds(1.5), final, Cancelled: false));
    }

    [Fact]
    public async Task Live_view_shows_every_node_and_the_totals()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var view = new LiveTestnetView(console, Options);

        var result = await view.ShowAsync(Scripted);
        view.Summary(result);

        var text = output.ToString();
        Assert.Contains("testnet: 3 nodes on 127.0.0.1 running echo", text);
        Assert.Contains("0 (boot)", text);
        Assert.Contains("2/2", text);
        Assert.Contains("at target 3/3   handshakes 3   msgs/s 12   drops AlreadyConnected 1", text);
        Assert.Contains("testnet: 3 nodes converged in 1.5 s: every node has 2 peers", text);
    }

    [Fact]
    public async Task Plain_view_writes_a_line_per_snapshot_then_the_summary()
    {
        var output = new StringWriter { NewLine = "\n" };
        var view = new PlainTestnetView(output, Options);

        var result = await view.ShowAsync(Scripted);
        view.Summary(result);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains("at target 2/3  fewest peers 1", lines[1]);
        Assert.Contains("at target 3/3  fewest peers 2  table avg 1.7  handshakes 3  msgs/s 12  drops AlreadyConnected 1", lines[2]);
        Assert.Equal(["handshakes: 3, messages: 8", "drops: AlreadyConnected 1"], lines[^2..]);
    }
}
