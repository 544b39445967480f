namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// How a testnet run is shown: the live Spectre.Console table on a terminal, progress lines when
/// stdout is redirected (and in tests), or nothing but the final JSON object. The runner does not
/// know which: it runs inside <see cref="ShowAsync"/> and reports snapshots through the callback.
/// </summary>
internal interface ITestnetView
{
    /// <summary>How often the runner sends a snapshot; <see cref="TimeSpan.MaxValue"/> for none before the end.</summary>
    TimeSpan RefreshInterval { get; }

    /// <summary>Runs <paramref name="run"/>, giving it the callback that shows a snapshot.</summary>
    Task<TestnetResult> ShowAsync(Func<Action<TestnetSnapshot>, Task<TestnetResult>> run);

    /// <summary>Writes the outcome to stdout.</summary>
    void Summary(TestnetResult result);
}
