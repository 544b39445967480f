using System.Diagnostics;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// N testnet nodes on 127.0.0.1: node 0 first, as the bootnode of all the others, which then start
/// together. Convergence is detected on the event: every session added or dropped re-checks whether all
/// nodes have reached the target through connections both ends admitted, and the first time they have, <see cref="Converged"/> completes
/// with the time on the run's clock. <see cref="StopAsync"/> stops every node gracefully.
/// </summary>
internal sealed class TestnetNetwork
{
    private readonly TestnetOptions _options;
    private readonly Stopwatch _clock;
    private readonly List<TestnetNode> _nodes = [];
    private readonly TaskCompletionSource<TimeSpan> _converged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _started;

    private TestnetNetwork(TestnetOptions options, Stopwatch clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>Completes, with the time since the clock started, when every node has the target number of peers.</summary>
    public Task<TimeSpan> Converged => _converged.Task;

    public IReadOnlyList<TestnetNode> Nodes => _nodes;

    /// <summary>Starts the nodes; if one fails to start (or <paramref name="ct"/> fires) the ones started are stopped.</summary>
    public static async Task<TestnetNetwork> StartAsync(TestnetOptions options, Stopwatch clock, CancellationToken ct)
    {
        var network = new TestnetNetwork(options, clock);
        try
        {
            var boot = await TestnetNode.StartAsync(0, [], options, network.CheckConvergence, ct);
            network._nodes.Add(boot);
            var starts = Enumerable.Range(1, options.Nodes - 1)
                .Select(i => TestnetNode.StartAsync(i, [boot.Enode], options, network.CheckConvergence, ct))
                .ToList();
            try
            {
                await Task.WhenAll(starts);
            }
            finally
            {
                network._nodes.AddRange(starts.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            network._started = true;
            network.CheckConvergence();
            return network;
        }
        catch
        {
            await network.StopAsync();
            throw;
        }
    }

    public TestnetSnapshot Snapshot(TestnetSnapshot? previous)
    {
        var elapsed = _clock.Elapsed;
        var nodes = _nodes.Select(n => n.Stats.Snapshot()).ToList();
        var snapshot = new TestnetSnapshot(elapsed, _options.TargetPeers, nodes, 0);
        if (previous is not null && elapsed > previous.Elapsed)
            snapshot = snapshot with { MessagesPerSecond = (snapshot.Messages - previous.Messages) / (elapsed - previous.Elapsed).TotalSeconds };
        return snapshot;
    }

    /// <summary>Stops every node at once, gracefully; a node that fails to stop does not keep the others running.</summary>
    public async Task StopAsync()
    {
        var stops = _nodes.Select(async n =>
        {
            try
            {
                await n.StopAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Stopping is best effort: the process ends next anyway.
            }
        });
        await Task.WhenAll(stops);
    }

    // Called from the collectors' actor threads; the list is complete once _started is set.
    private void CheckConvergence()
    {
        if (!_started || _converged.Task.IsCompleted)
            return;
        var target = _options.TargetPeers;
        foreach (var node in _nodes)
        {
            if (node.Stats.PeerCount < target)
                return;
        }
        // Every node counting enough peers is not enough: after crossing dials two nodes can count each
        // other through two sessions that each one's dialer rejected, for the moment before both close.
        // Only connections both ends admitted count.
        var counts = new Dictionary<ConnectionKey, int>();
        foreach (var node in _nodes)
            node.Stats.CountConnections(counts);
        foreach (var node in _nodes)
        {
            if (node.Stats.PeersAdmittedByBothEnds(counts) < target)
                return;
        }
        _converged.TrySetResult(_clock.Elapsed);
    }
}
