using System.Globalization;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// Prints a <see cref="BenchResult"/> for people: one row per figure with ours, the floor and their
/// ratio side by side, the headline ratio, then the settings.
/// </summary>
public static class BenchTableWriter
{
    public static void Write(BenchResult result, TextWriter output)
    {
        var rows = new List<string[]> { new[] { "figure", "ours", "floor", "ours/floor" } };
        if (result.EthereumJs is not null)
            rows[0] = [.. rows[0], "ethereumjs"];
        var names = result.Ours.Select(f => f.Name).Concat(result.Floor.Select(f => f.Name)).Distinct();
        foreach (var name in names)
        {
            var unit = result.Ours.Concat(result.Floor).First(f => f.Name == name).Unit;
            var ratio = result.Ratios.FirstOrDefault(r => r.Name == name)?.Value;
            var row = new[] { $"{name} ({unit})", Format(result.OursValue(name)), Format(result.FloorValue(name)), ratio is { } r ? Format(r) + "×" : "" };
            if (result.EthereumJs is { } js)
                row = [.. row, Format(js.FirstOrDefault(f => f.Name == name)?.Value)];
            rows.Add(row);
        }
        output.WriteLine($"devp2p bench {result.Workload}");
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            output.WriteLine(string.Join("  ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        output.WriteLine($"ratio ({result.RatioOf}, ours/floor): {Format(result.Ratio)}");
        output.WriteLine("settings: " + string.Join(", ", result.Settings.Select(s => $"{s.Key}={Convert.ToString(s.Value, CultureInfo.InvariantCulture)}")));
    }

    internal static string Format(double? value) => value switch
    {
        null => "",
        { } v when !double.IsFinite(v) => "n/a",
        { } v when Math.Abs(v) >= 100 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.###", CultureInfo.InvariantCulture),
    };
}
