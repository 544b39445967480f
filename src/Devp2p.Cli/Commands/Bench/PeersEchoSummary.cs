using System.Globalization;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// One echo phase of <c>bench peers</c> as the dialer process reports it: requests sent, echoes back,
/// how long the sending lasted and the round-trip percentiles (NaN without samples). One text line,
/// invariant culture, so the two processes need no serializer between them.
/// </summary>
internal sealed record PeersEchoSummary(long Sent, long Received, double SendingSeconds, double P50Ms, double P99Ms)
{
    private const string Tag = "echo";

    public static PeersEchoSummary Of(PeersEchoLoad.PhaseResult phase) =>
        new(phase.Sent, phase.Latency.Count, phase.Sending.TotalSeconds, phase.Latency.PercentileMs(50), phase.Latency.PercentileMs(99));

    public string ToLine() => string.Join(' ', Tag, F(Sent), F(Received), F(SendingSeconds), F(P50Ms), F(P99Ms));

    /// <summary>Parses <see cref="ToLine"/>'s output; null for anything else.</summary>
    public static PeersEchoSummary? TryParse(string line)
    {
        var p = line.Split(' ');
        if (p is not [Tag, _, _, _, _, _])
            return null;
        return long.TryParse(p[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long sent)
            && long.TryParse(p[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out long received)
            && D(p[3], out double seconds) && D(p[4], out double p50) && D(p[5], out double p99)
            ? new PeersEchoSummary(sent, received, seconds, p50, p99)
            : null;
    }

    private static string F(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static bool D(string text, out double value) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
