using System.Diagnostics;
using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench peers</c>: <c>count</c> idle peers connected to one node of ours, the dialers in a child
/// process (<see cref="PeersDialerProcess"/>) and spread over 127.0.0.x source addresses (Linux routes
/// all of 127/8 to loopback); memory per peer (managed heap and working set of this process, which
/// holds only the node, after a full collection, delta divided by the count); then echo round trips
/// p50/p99, timed by the dialers, while <c>rate</c> echo requests per second flow across all the peers
/// for <c>seconds</c>. The floor is issue 8's budget: 32 KiB per peer and 5 ms p99.
/// </summary>
internal static class PeersBench
{
    public const double BudgetBytesPerPeer = 32 * 1024;
    public const double BudgetEchoP99Ms = 5;

    /// <summary><paramref name="WarmupSeconds"/> of the same echo load run first, unmeasured (see the class remarks).</summary>
    public sealed record Options(int Count, int Rate, double Seconds, double WarmupSeconds = BenchWarmup.DefaultSeconds);

    /// <summary>The warm-up runs the echo load in steps this long until <see cref="BenchWarmup"/> is done.</summary>
    private static readonly TimeSpan WarmupStep = TimeSpan.FromSeconds(0.5);

    /// <summary>How long the dialers may take to connect, at most; the admissions are waited for as long again.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(120);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        await using var node = await BenchNode.StartAsync("bench-peers", new IPEndPoint(IPAddress.Loopback, 0),
            maxPeers: options.Count + 16, maxPending: 2 * PeersDialers.DialConcurrency + 16, ct);
        var target = new EnodeUrl(node.Info.Id, IPAddress.Loopback, node.Info.ListenPort, 0);
        var (managedBefore, workingSetBefore) = MemoryNow();
        await using var dialers = await PeersDialerProcess.StartAsync(target, options.Count, options.Rate, ConnectTimeout, ct);
        await WaitForPeersAsync(node, options.Count, ct);
        var (managedAfter, workingSetAfter) = MemoryNow();

        var warmup = BenchWarmup.Start(options.WarmupSeconds);
        while (warmup.More())
            await dialers.RunPhaseAsync(WarmupStep, ct);
        long jitBefore = BenchWarmup.JitMethods;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gc = GcWindow.Start();
        var echo = await dialers.RunPhaseAsync(TimeSpan.FromSeconds(options.Seconds), ct);
        var (gen0, gen2, pause) = gc.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long jitMethods = BenchWarmup.JitMethods - jitBefore;

        return new BenchResult("peers",
            [
                new("managedBytesPerPeer", (managedAfter - managedBefore) / (double)options.Count, "B"),
                new("workingSetBytesPerPeer", (workingSetAfter - workingSetBefore) / (double)options.Count, "B"),
                new("echoP50Ms", echo.P50Ms, "ms"),
                new("echoP99Ms", echo.P99Ms, "ms"),
                new("echoMessagesPerSecond", echo.Received / echo.SendingSeconds, "1/s"),
                new("echoLost", echo.Sent - echo.Received, "count"),
                new("allocatedBytesPerEcho", echo.Received == 0 ? double.NaN : allocated / (double)echo.Received, "B"),
                new("gen0Collections", gen0, "count"),
                new("gen2Collections", gen2, "count"),
                new("gcPauseMs", pause.TotalMilliseconds, "ms"),
                new("jitCompiledMethods", jitMethods, "count"),
            ],
            [
                new("managedBytesPerPeer", BudgetBytesPerPeer, "B"),
                new("workingSetBytesPerPeer", BudgetBytesPerPeer, "B"),
                new("echoP99Ms", BudgetEchoP99Ms, "ms"),
            ],
            "managedBytesPerPeer",
            BenchSettings.Common(
                ("count", options.Count),
                ("rate", options.Rate),
                ("seconds", options.Seconds),
                ("warmupSeconds", options.WarmupSeconds),
                ("warmupRanSeconds", Math.Round(warmup.Elapsed.TotalSeconds, 1)),
                ("floor", "issue 8 budget: 32 KiB per peer, echo p99 5 ms (lower is better)"),
                ("memory", "this process, which holds only the node: the dialers run in a child process")));
    }

    private static async Task WaitForPeersAsync(BenchNode node, int count, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        int connected;
        while ((connected = await node.PeerCountAsync()) < count)
        {
            if (deadline.Elapsed > ConnectTimeout)
                throw new TimeoutException($"bench peers: only {connected} of {count} peers were admitted within {ConnectTimeout.TotalSeconds:0} s");
            await Task.Delay(20, ct);
        }
    }

    /// <summary>
    /// Live managed bytes and the working set after full collections. The last one is aggressive: it gives
    /// the GC's free regions back to the OS, so the working-set delta is what the peers hold and not the heap
    /// the burst of connecting left committed (43 KB per peer at 1,000 peers without it, 28 KB with it).
    /// </summary>
    private static (long Managed, long WorkingSet) MemoryNow()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
