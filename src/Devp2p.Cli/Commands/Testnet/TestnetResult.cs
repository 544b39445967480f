using System.Globalization;
using System.Text.Json;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// How a testnet run ended: converged or not, when, and the last snapshot taken before the nodes
/// were stopped (so the shutdown's "client quitting" drops are not counted). <see cref="ToJson"/> is
/// the <c>--json</c> contract: <c>{nodes, converged, secondsToConverge, handshakes, drops}</c>, drop
/// keys being the <c>DisconnectReason</c> enum names.
/// </summary>
internal sealed record TestnetResult(TestnetOptions Options, bool Converged, TimeSpan? TimeToConverge, TestnetSnapshot Final, bool Cancelled)
{
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("nodes", Options.Nodes);
            json.WriteBoolean("converged", Converged);
            if (TimeToConverge is { } t)
                json.WriteNumber("secondsToConverge", Math.Round(t.TotalSeconds, 3));
            else
                json.WriteNull("secondsToConverge");
            json.WriteNumber("handshakes", Final.Handshakes);
            json.WriteStartObject("drops");
            foreach (var (reason, count) in Final.Drops)
                json.WriteNumber(reason.ToString(), count);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The summary for people, a few lines.</summary>
    public IEnumerable<string> SummaryLines()
    {
        var target = Final.TargetPeers;
        yield return Converged
            ? $"testnet: {Options.Nodes} nodes converged in {Seconds(TimeToConverge!.Value)}: every node has {target} peers"
            : $"testnet: {Options.Nodes} nodes did not converge {(Cancelled ? "before the run was cancelled" : "within " + Seconds(Options.Duration))}: "
              + $"{Options.Nodes - Final.NodesAtTarget} below {target} peers (fewest {(Final.Nodes.Count == 0 ? 0 : Final.Nodes.Min(n => n.Peers))})";
        yield return $"handshakes: {Final.Handshakes}, messages: {Final.Messages}";
        yield return "drops: " + DropsText(Final);
    }

    /// <summary>The one stderr line of a run that did not converge (exit code 1).</summary>
    public string FailureLine() => Cancelled
        ? "testnet: cancelled before the network converged"
        : $"testnet: the network did not converge within {Seconds(Options.Duration)}";

    internal static string DropsText(TestnetSnapshot snapshot) =>
        snapshot.Drops.Count == 0 ? "none" : string.Join(", ", snapshot.Drops.Select(d => $"{d.Key} {d.Value}"));

    /// <summary>"3.42 s", or "250 ms" below a second.</summary>
    internal static string Seconds(TimeSpan t) => t < TimeSpan.FromSeconds(1)
        ? t.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture) + " ms"
        : t.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
}
