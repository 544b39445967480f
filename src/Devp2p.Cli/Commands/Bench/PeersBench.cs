using System.Diagnostics;
using System.Net;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench peers</c>: <c>count</c> idle peers connected to one node of ours, the dialers spread over
/// 127.0.0.x source addresses (Linux routes all of 127/8 to loopback); memory per peer (managed heap
/// and working set, after a full collection, delta divided by the count); then echo round trips
/// p50/p99 while <c>rate</c> echo requests per second flow across all the peers for <c>seconds</c>.
/// The dialers live in this process too, so the memory figures are an upper bound: they include the
/// dialer's end of each connection. The floor is issue 8's budget: 32 KiB per peer and 5 ms p99.
/// </summary>
internal static class PeersBench
{
    public const double BudgetBytesPerPeer = 32 * 1024;
    public const double BudgetEchoP99Ms = 5;
    private const int DialConcurrency = 16;
    private const int EchoPayloadSize = 32;

    /// <summary><paramref name="WarmupSeconds"/> of the same echo load run first, unmeasured (see the class remarks).</summary>
    public sealed record Options(int Count, int Rate, double Seconds, double WarmupSeconds = BenchWarmup.DefaultSeconds);

    /// <summary>The warm-up runs the echo load in steps this long until <see cref="BenchWarmup"/> is done.</summary>
    private static readonly TimeSpan WarmupStep = TimeSpan.FromSeconds(0.5);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        await using var node = await BenchNode.StartAsync("bench-peers", new IPEndPoint(IPAddress.Loopback, 0),
            maxPeers: options.Count + 16, maxPending: 2 * DialConcurrency + 16, ct);
        var endpoint = new IPEndPoint(IPAddress.Loopback, node.Info.ListenPort);
        var id = node.Info.Id.Bytes.ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dialers = new BenchDialer[options.Count];
        try
        {
            var load = new PeersEchoLoad(dialers, RlpPayload.OfTotalLength(EchoPayloadSize), options.Rate);
            var (managedBefore, workingSetBefore) = MemoryNow();
            int next = -1;
            await Task.WhenAll(Enumerable.Range(0, Math.Min(DialConcurrency, options.Count)).Select(_ => Task.Run(async () =>
            {
                for (int i = Interlocked.Increment(ref next); i < options.Count; i = Interlocked.Increment(ref next))
                {
                    dialers[i] = await BenchDialer.ConnectAsync(endpoint, id, SourceAddress(i), TimeSpan.FromSeconds(30), ct);
                    dialers[i].StartServing(load.OnEchoReply, stop.Token);
                }
            }, ct)));
            await WaitForPeersAsync(node, options.Count, ct);
            var (managedAfter, workingSetAfter) = MemoryNow();

            var warmup = BenchWarmup.Start(options.WarmupSeconds);
            while (warmup.More())
                await load.RunPhaseAsync(WarmupStep, ct);
            long jitBefore = BenchWarmup.JitMethods;
            var gc = GcWindow.Start();
            var echo = await load.RunPhaseAsync(TimeSpan.FromSeconds(options.Seconds), ct);
            var (gen0, gen2, pause) = gc.Stop();
            long jitMethods = BenchWarmup.JitMethods - jitBefore;
            var latency = echo.Latency;
            double seconds = echo.Sending.TotalSeconds;

            return new BenchResult("peers",
                [
                    new("managedBytesPerPeer", (managedAfter - managedBefore) / (double)options.Count, "B"),
                    new("workingSetBytesPerPeer", (workingSetAfter - workingSetBefore) / (double)options.Count, "B"),
                    new("echoP50Ms", latency.PercentileMs(50), "ms"),
                    new("echoP99Ms", latency.PercentileMs(99), "ms"),
                    new("echoMessagesPerSecond", latency.Count / seconds, "1/s"),
                    new("echoLost", echo.Sent - latency.Count, "count"),
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
                    ("memory", "whole process: includes the in-process dialers' end of each connection")));
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(dialers.Where(d => d is not null).Select(d => d.DisposeAsync().AsTask()));
        }
    }

    /// <summary>127.0.0.2 … 127.0.0.254 on Linux; elsewhere the default source address.</summary>
    private static IPAddress? SourceAddress(int index) =>
        OperatingSystem.IsLinux() ? new IPAddress(new byte[] { 127, 0, 0, (byte)(2 + index % 253) }) : null;

    private static async Task WaitForPeersAsync(BenchNode node, int count, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        int connected;
        while ((connected = await node.PeerCountAsync()) < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"bench peers: only {connected} of {count} peers were admitted within 60 s");
            await Task.Delay(20, ct);
        }
    }

    private static (long Managed, long WorkingSet) MemoryNow()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }
}
