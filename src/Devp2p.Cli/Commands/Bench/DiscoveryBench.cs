using System.Diagnostics;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench discovery</c>: discv4 Ping → Pong round trips between two of our discovery endpoints over
/// loopback UDP (or from ours to a target), <c>concurrency</c> in flight. Round trips/s against the
/// floor: sign + recover per packet (two packets per round trip) on the same backend, on all cores.
/// Also round trips per CPU-second of the whole process (both endpoints and the driver) against the
/// EC work's per CPU-second: a cost ratio that a loaded machine disturbs less than the wall-clock one.
/// The answering endpoint may also ping back to prove our endpoint (as geth does); that work is ours
/// to carry and is counted in the time, not in the round trips.
/// </summary>
internal static class DiscoveryBench
{
    /// <summary><paramref name="WarmupSeconds"/> of Pings run first, unmeasured (<see cref="BenchWarmup"/>).</summary>
    public sealed record Options(int Pings, int Concurrency, EnodeUrl? Target, double WarmupSeconds = BenchWarmup.DefaultSeconds);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(2);
        await using var a = await BenchDiscoveryEndpoint.StartAsync("bench-discovery-a", timeout);
        BenchDiscoveryEndpoint? b = null;
        try
        {
            EnodeUrl target;
            if (options.Target is { } t)
            {
                target = t.UdpEndPoint is null ? throw new CliException("bench discovery: --target has no address") : t;
            }
            else
            {
                b = await BenchDiscoveryEndpoint.StartAsync("bench-discovery-b", timeout);
                target = b.Enode;
            }
            var warm = await PingAsync(a, target);
            if (!warm.Success)
                throw new CliException($"bench discovery: {target.UdpEndPoint} did not answer a Ping: {warm.Error}");

            var warmup = BenchWarmup.Start(options.WarmupSeconds);
            await RunPhaseAsync(a, target, options.Concurrency, warmup.More, ct);

            long jitBefore = BenchWarmup.JitMethods;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var (latency, timeouts) = await RunPhaseAsync(a, target, options.Concurrency, BenchWorkers.Times(options.Pings), ct);
            watch.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            long jitMethods = BenchWarmup.JitMethods - jitBefore;

            double floor = EcFloor.PingRoundTripsPerSecond(Secp256k1.Default, options.Pings, Environment.ProcessorCount);
            double floorPerCpuSecond = RoundTripsPerCpuSecond(Secp256k1.Default, Math.Min(options.Pings, 2000));
            return new BenchResult("discovery",
                [
                    new("roundTripsPerSecond", latency.Count / watch.Elapsed.TotalSeconds, "1/s"),
                    new("latencyP50Ms", latency.PercentileMs(50), "ms"),
                    new("latencyP99Ms", latency.PercentileMs(99), "ms"),
                    new("timeouts", timeouts, "count"),
                    new("roundTripsPerCpuSecond", cpu > TimeSpan.Zero ? latency.Count / cpu.TotalSeconds : 0, "1/s"),
                    new("jitCompiledMethods", jitMethods, "count"),
                ],
                [new("roundTripsPerSecond", floor, "1/s"), new("roundTripsPerCpuSecond", floorPerCpuSecond, "1/s")],
                "roundTripsPerSecond",
                BenchSettings.Common(
                    ("pings", options.Pings),
                    ("concurrency", options.Concurrency),
                    ("target", options.Target?.ToString() ?? "own endpoint, loopback"),
                    ("warmupSeconds", options.WarmupSeconds),
                    ("warmupRanSeconds", Math.Round(warmup.Elapsed.TotalSeconds, 1)),
                    ("floor", "2 sign + 2 recover per round trip, on all cores")));
        }
        finally
        {
            if (b is not null)
                await b.DisposeAsync();
        }
    }

    /// <summary>
    /// A round trip's EC work (2 sign + 2 recover) per CPU-second of this process, run on this thread:
    /// the cost side of the floor, which other load on the machine moves far less than wall time.
    /// </summary>
    private static double RoundTripsPerCpuSecond(ISecp256k1 secp, int roundTrips)
    {
        var key = Secp256k1.GeneratePrivateKey();
        var hash = Keccak256.Hash(key);
        var sig = new byte[65];
        var publicKey = new byte[64];
        secp.Sign(key, hash, sig);
        secp.RecoverPublicKey(sig, hash, publicKey); // warm-up
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        for (int r = 0; r < roundTrips; r++)
        {
            for (int i = 0; i < 2; i++)
            {
                secp.Sign(key, hash, sig);
                secp.RecoverPublicKey(sig, hash, publicKey);
            }
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        return cpu > TimeSpan.Zero ? roundTrips / cpu.TotalSeconds : 0;
    }

    private static async Task<(LatencyRecorder Latency, int Timeouts)> RunPhaseAsync(
        BenchDiscoveryEndpoint from, EnodeUrl target, int concurrency, Func<bool> more, CancellationToken ct)
    {
        var latency = new LatencyRecorder();
        int timeouts = 0;
        await BenchWorkers.RunAsync(concurrency, more, async () =>
        {
            var result = await PingAsync(from, target);
            if (result.Success)
                latency.Add(result.RoundTrip);
            else
                Interlocked.Increment(ref timeouts);
        }, ct);
        return (latency, timeouts);
    }

    private static Task<PingResult> PingAsync(BenchDiscoveryEndpoint from, EnodeUrl target) =>
        from.Discovery.Ask<PingResult>(new PingNode(target), TimeSpan.FromSeconds(30));
}
