namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// What one benchmark run measured: our figures and the floor's, timed in the same process run,
/// and the settings used. Figures with the same name in <see cref="Ours"/> and <see cref="Floor"/>
/// are comparable; <see cref="Ratio"/> is ours / floor of the headline figure <see cref="RatioOf"/>
/// (for every workload but <c>peers</c>, higher is better; for peers the floor is the memory and
/// latency budget of issue 8, and lower is better). Keeping the numbers here, apart from how they
/// are printed, lets the tests check the arithmetic without parsing a table.
/// </summary>
public sealed record BenchResult(
    string Workload,
    IReadOnlyList<BenchFigure> Ours,
    IReadOnlyList<BenchFigure> Floor,
    string RatioOf,
    IReadOnlyList<KeyValuePair<string, object>> Settings)
{
    /// <summary>Figures measured on the @ethereumjs/devp2p harness (<c>--compare ethereumjs</c>), or null.</summary>
    public IReadOnlyList<BenchFigure>? EthereumJs { get; init; }

    /// <summary>Ours / floor of <see cref="RatioOf"/>; NaN when either is missing or the floor is zero.</summary>
    public double Ratio => RatioFor(RatioOf);

    /// <summary>Ours / floor of every figure both sides report, in the order of <see cref="Ours"/>.</summary>
    public IReadOnlyList<BenchFigure> Ratios =>
        Ours.Where(o => Floor.Any(f => f.Name == o.Name)).Select(o => new BenchFigure(o.Name, RatioFor(o.Name), "×")).ToList();

    public double? OursValue(string name) => Ours.FirstOrDefault(f => f.Name == name)?.Value;

    public double? FloorValue(string name) => Floor.FirstOrDefault(f => f.Name == name)?.Value;

    private double RatioFor(string name) =>
        OursValue(name) is { } ours && FloorValue(name) is { } floor && floor != 0 ? ours / floor : double.NaN;
}

/// <summary>One measured number with its unit (for the table; JSON carries the value under <see cref="Name"/>).</summary>
public sealed record BenchFigure(string Name, double Value, string Unit);
