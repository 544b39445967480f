using System.Diagnostics;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// One testnet run: start the network, show a snapshot every <see cref="ITestnetView.RefreshInterval"/>
/// until it converges (an event, not a poll), the duration ends or <c>ct</c> fires (Ctrl-C), then
/// take the final snapshot and stop every node — always, also on failure or cancellation.
/// The duration and the time to converge are measured from before node 0 starts.
/// </summary>
internal static class TestnetRunner
{
    public static Task<TestnetResult> RunAsync(TestnetOptions options, ITestnetView view, CancellationToken ct) =>
        view.ShowAsync(show => RunNetworkAsync(options, view.RefreshInterval, show, ct));

    private static async Task<TestnetResult> RunNetworkAsync(TestnetOptions options, TimeSpan refresh, Action<TestnetSnapshot> show, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        TestnetNetwork network;
        try
        {
            network = await TestnetNetwork.StartAsync(options, clock, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new TestnetResult(options, false, null, new TestnetSnapshot(clock.Elapsed, options.TargetPeers, [], 0), Cancelled: true);
        }

        try
        {
            TestnetSnapshot? last = null;
            while (true)
            {
                var remaining = options.Duration - clock.Elapsed;
                if (network.Converged.IsCompleted || ct.IsCancellationRequested || remaining <= TimeSpan.Zero)
                    break;
                if (last is not null)
                    show(last);
                using (var wake = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    await Task.WhenAny(network.Converged, Task.Delay(remaining < refresh ? remaining : refresh, wake.Token));
                    wake.Cancel();
                }
                last = network.Snapshot(last);
            }
            var final = last ?? network.Snapshot(null);
            show(final);
            TimeSpan? converged = network.Converged.IsCompletedSuccessfully && network.Converged.Result <= options.Duration ? network.Converged.Result : null;
            return new TestnetResult(options, converged is not null, converged, final, Cancelled: converged is null && ct.IsCancellationRequested);
        }
        finally
        {
            await network.StopAsync();
        }
    }
}
