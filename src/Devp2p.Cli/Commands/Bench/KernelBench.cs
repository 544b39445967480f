using System.Diagnostics;
using Devp2p.Kernel;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench kernel</c>: the actor kernel's mailbox and dispatcher against System.Threading.Channels
/// doing the same work (as tests/Devp2p.Benchmarks' KernelBenchmarks): a ping-pong pair
/// (latency bound) and <see cref="Senders"/> senders fanning in to one receiver (contention bound).
/// The headline ratio is the weaker of the two.
/// </summary>
internal static class KernelBench
{
    public const int Senders = 8;

    /// <summary>Timed runs of each of the four workloads (after one warm-up); each figure is the median.</summary>
    public const int Repetitions = 5;

    public sealed record Options(int Messages);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        using var system = ActorSystem.Create("bench-kernel");
        // Warm-up: the measured workload once, both sides, so the JIT's tiers and the kernel's mailbox segment pool
        // (EnvelopeSegmentPool) are in the steady state a running node has; a cold first burst allocates its backlog.
        int warm = options.Messages;
        await KernelWorkloads.KernelPingPong(system, warm);
        await KernelWorkloads.ChannelsPingPong(warm);
        await KernelWorkloads.KernelFanIn(system, Senders, warm);
        await KernelWorkloads.ChannelsFanIn(Senders, warm);
        ct.ThrowIfCancellationRequested();

        // Interleaved repetitions, each figure the median of its own: one 100,000-message run lasts tens of
        // milliseconds, so on a shared machine a single timing mostly measures who else got the cores.
        var times = new double[4][];
        for (var i = 0; i < times.Length; i++) times[i] = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            ct.ThrowIfCancellationRequested();
            times[0][r] = await Time(() => KernelWorkloads.KernelPingPong(system, options.Messages));
            times[1][r] = await Time(() => KernelWorkloads.ChannelsPingPong(options.Messages));
            times[2][r] = await Time(() => KernelWorkloads.KernelFanIn(system, Senders, options.Messages));
            times[3][r] = await Time(() => KernelWorkloads.ChannelsFanIn(Senders, options.Messages));
        }
        double kernelPingPong = options.Messages / Median(times[0]);
        double channelsPingPong = options.Messages / Median(times[1]);
        double kernelFanIn = (double)Senders * options.Messages / Median(times[2]);
        double channelsFanIn = (double)Senders * options.Messages / Median(times[3]);
        await system.Terminate();

        string weaker = kernelPingPong / channelsPingPong <= kernelFanIn / channelsFanIn ? "pingPongRoundTripsPerSecond" : "fanInMessagesPerSecond";
        return new BenchResult("kernel",
            [
                new("pingPongRoundTripsPerSecond", kernelPingPong, "1/s"),
                new("fanInMessagesPerSecond", kernelFanIn, "1/s"),
            ],
            [
                new("pingPongRoundTripsPerSecond", channelsPingPong, "1/s"),
                new("fanInMessagesPerSecond", channelsFanIn, "1/s"),
            ],
            weaker,
            BenchSettings.Common(
                ("messages", options.Messages),
                ("senders", Senders),
                ("repetitions", Repetitions),
                ("floor", "System.Threading.Channels, unbounded, the same hand-offs of the same object")));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static async Task<double> Time(Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return watch.Elapsed.TotalSeconds;
    }
}
