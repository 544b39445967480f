using System.Text.Json;
using System.Text.Json.Nodes;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// Prints a <see cref="BenchResult"/> as one JSON object:
/// <c>{workload, ours:{...}, floor:{...}, ratio, ratioOf, ratios:{...}, settings:{...}[, ethereumjs:{...}]}</c>.
/// A figure that could not be measured (NaN, such as a percentile without samples) is null.
/// </summary>
public static class BenchJsonWriter
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerOptions.Default) { WriteIndented = true };

    public static JsonObject ToJson(BenchResult result)
    {
        var json = new JsonObject
        {
            ["workload"] = result.Workload,
            ["ours"] = Figures(result.Ours),
            ["floor"] = Figures(result.Floor),
            ["ratio"] = Number(result.Ratio),
            ["ratioOf"] = result.RatioOf,
            ["ratios"] = Figures(result.Ratios),
            ["settings"] = Settings(result.Settings),
        };
        if (result.EthereumJs is { } ethereumJs)
            json["ethereumjs"] = Figures(ethereumJs);
        return json;
    }

    public static void Write(BenchResult result, TextWriter output) => output.WriteLine(ToJson(result).ToJsonString(Indented));

    private static JsonObject Figures(IEnumerable<BenchFigure> figures)
    {
        var json = new JsonObject();
        foreach (var f in figures)
            json[f.Name] = Number(f.Value);
        return json;
    }

    private static JsonObject Settings(IEnumerable<KeyValuePair<string, object>> settings)
    {
        var json = new JsonObject();
        foreach (var (key, value) in settings)
            json[key] = value switch
            {
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                double d => Number(d),
                bool b => JsonValue.Create(b),
                _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
            };
        return json;
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;
}
