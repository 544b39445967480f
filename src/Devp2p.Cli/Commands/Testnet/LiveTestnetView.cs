using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// The live view on a terminal (Spectre.Console): per node its peers (green once at the target) and
/// discovery table size, laid out in column groups so 50 nodes fit a screen; under it the totals —
/// elapsed time, handshakes, messages/s, drops by reason. Redrawn at every snapshot; the last frame
/// stays on screen above the summary.
/// </summary>
internal sealed class LiveTestnetView(IAnsiConsole console, TestnetOptions options) : ITestnetView
{
    /// <summary>Nodes per column group (the table gets ⌈N / this⌉ groups side by side, at most 4).</summary>
    private const int RowsPerGroup = 13;

    public TimeSpan RefreshInterval => TimeSpan.FromMilliseconds(250);

    public Task<TestnetResult> ShowAsync(Func<Action<TestnetSnapshot>, Task<TestnetResult>> run)
    {
        console.WriteLine(TestnetHeadline.Text(options));
        return console.Live(Render(null))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(ctx => run(snapshot =>
            {
                ctx.UpdateTarget(Render(snapshot));
                ctx.Refresh();
            }));
    }

    public void Summary(TestnetResult result)
    {
        foreach (var line in result.SummaryLines())
            console.WriteLine(line);
    }

    private IRenderable Render(TestnetSnapshot? s)
    {
        var groups = Math.Min(4, (options.Nodes + RowsPerGroup - 1) / RowsPerGroup);
        var rows = (options.Nodes + groups - 1) / groups;
        var table = new Table().Border(TableBorder.Rounded);
        for (int g = 0; g < groups; g++)
            table.AddColumn("node").AddColumn(new TableColumn("peers").RightAligned()).AddColumn(new TableColumn("table").RightAligned());
        for (int r = 0; r < rows; r++)
        {
            var cells = new List<IRenderable>();
            for (int g = 0; g < groups; g++)
            {
                int index = g * rows + r;
                var node = s?.Nodes.FirstOrDefault(n => n.Index == index);
                if (index >= options.Nodes)
                    cells.AddRange([Text.Empty, Text.Empty, Text.Empty]);
                else
                    cells.AddRange(NodeCells(index, node, options.TargetPeers));
            }
            table.AddRow(cells);
        }
        var totals = s is null
            ? "starting nodes…"
            : string.Create(CultureInfo.InvariantCulture,
                $"{s.Elapsed.TotalSeconds:0.0}s   at target {s.NodesAtTarget}/{options.Nodes}   handshakes {s.Handshakes}   msgs/s {s.MessagesPerSecond:0}   drops {TestnetResult.DropsText(s)}");
        return new Rows(table, new Text(totals));
    }

    private static IRenderable[] NodeCells(int index, NodeSnapshot? node, int target)
    {
        var name = index == 0 ? "0 (boot)" : index.ToString(CultureInfo.InvariantCulture);
        if (node is null)
            return [new Text(name), new Text("-"), new Text("-")];
        var style = node.Peers >= target ? new Style(Color.Green) : Style.Plain;
        return [new Text(name), new Text($"{node.Peers}/{target}", style), new Text(node.TableSize.ToString(CultureInfo.InvariantCulture))];
    }
}
