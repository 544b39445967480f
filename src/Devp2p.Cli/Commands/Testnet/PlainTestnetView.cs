using System.Globalization;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// Progress as plain lines, one a second, for a redirected stdout (logs, CI) and for tests; then the
/// summary. Same figures as the live view, without the per-node table.
/// </summary>
internal sealed class PlainTestnetView(TextWriter output, TestnetOptions options) : ITestnetView
{
    public TimeSpan RefreshInterval => TimeSpan.FromSeconds(1);

    public Task<TestnetResult> ShowAsync(Func<Action<TestnetSnapshot>, Task<TestnetResult>> run)
    {
        output.WriteLine(TestnetHeadline.Text(options));
        output.Flush();
        return run(Show);
    }

    public void Summary(TestnetResult result)
    {
        foreach (var line in result.SummaryLines())
            output.WriteLine(line);
        output.Flush();
    }

    private void Show(TestnetSnapshot s)
    {
        var peers = s.Nodes.Count == 0 ? 0 : s.Nodes.Min(n => n.Peers);
        var table = s.Nodes.Count == 0 ? 0 : s.Nodes.Average(n => n.TableSize);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{s.Elapsed.TotalSeconds,6:0.0}s  at target {s.NodesAtTarget}/{s.Nodes.Count}  fewest peers {peers}  table avg {table:0.0}  handshakes {s.Handshakes}  msgs/s {s.MessagesPerSecond:0}  drops {TestnetResult.DropsText(s)}"));
        output.Flush();
    }
}
