namespace Devp2p.Cli.Commands.Testnet;

/// <summary><c>--json</c>: nothing while the network runs, then one JSON object on one stdout line.</summary>
internal sealed class JsonTestnetView(TextWriter output) : ITestnetView
{
    public TimeSpan RefreshInterval => TimeSpan.MaxValue;

    public Task<TestnetResult> ShowAsync(Func<Action<TestnetSnapshot>, Task<TestnetResult>> run) => run(_ => { });

    public void Summary(TestnetResult result)
    {
        output.WriteLine(result.ToJson());
        output.Flush();
    }
}
