using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench handshake</c>: <c>connections</c> full RLPx handshakes + Hello + Disconnect over
/// loopback, <c>concurrency</c> at a time, from <see cref="BenchDialer"/>s to our node's listener
/// (or, with a target, to someone else's). Handshakes/s and latency (TCP connect to remote Hello)
/// against the EC floor: the secp256k1 operations of one handshake, both sides, on the same backend.
/// Also the bytes allocated per handshake (whole process: both sides when the listener is ours).
/// </summary>
internal static class HandshakeBench
{
    /// <summary><paramref name="WarmupSeconds"/> of handshakes run first, unmeasured (<see cref="BenchWarmup"/>).</summary>
    public sealed record Options(int Connections, int Concurrency, EnodeUrl? Target, double WarmupSeconds = BenchWarmup.DefaultSeconds);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        BenchNode? node = null;
        try
        {
            IPEndPoint endpoint;
            byte[] remoteId;
            if (options.Target is { } target)
            {
                endpoint = target.TcpEndPoint ?? throw new CliException("bench handshake: --target has no address to dial");
                remoteId = target.Id.Bytes.ToArray();
            }
            else
            {
                node = await BenchNode.StartAsync("bench-handshake", new IPEndPoint(IPAddress.Loopback, 0),
                    maxPeers: options.Connections + 2 * options.Concurrency + 16, maxPending: 2 * options.Concurrency + 16, ct);
                endpoint = new IPEndPoint(IPAddress.Loopback, node.Info.ListenPort);
                remoteId = node.Info.Id.Bytes.ToArray();
            }

            // One untimed handshake first (the native library, the listener's first accept), then the warm-up.
            await OneAsync(endpoint, remoteId, ct);
            var warmup = BenchWarmup.Start(options.WarmupSeconds);
            await RunPhaseAsync(endpoint, remoteId, options.Concurrency, warmup.More, ct);

            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            long jitBefore = BenchWarmup.JitMethods;
            var watch = Stopwatch.StartNew();
            var (latency, failures, lastError) = await RunPhaseAsync(endpoint, remoteId, options.Concurrency, BenchWorkers.Times(options.Connections), ct);
            watch.Stop();
            long jitMethods = BenchWarmup.JitMethods - jitBefore;
            double allocatedPerHandshake = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)options.Connections;
            if (latency.Count == 0)
                throw new CliException($"bench handshake: no handshake with {endpoint} succeeded: {lastError}");

            double floor = EcFloor.HandshakesPerSecond(Secp256k1.Default, options.Connections, Environment.ProcessorCount);
            double rate = latency.Count / watch.Elapsed.TotalSeconds;
            // With both ends here, the loopback TCP work is ours to carry too: EC + sockets is the zero-overhead handshake.
            List<BenchFigure> socketFloor = [], socketOurs = [];
            if (options.Target is null)
            {
                double sockets = await SocketFloor.HandshakesPerSecondAsync(options.Connections, options.Concurrency, ct);
                socketFloor = [new("socketHandshakesPerSecond", sockets, "1/s"), new("ecAndSocketHandshakesPerSecond", 1 / (1 / floor + 1 / sockets), "1/s")];
                socketOurs = [new("ecAndSocketHandshakesPerSecond", rate, "1/s")];
            }
            return new BenchResult("handshake",
                [
                    new("handshakesPerSecond", rate, "1/s"),
                    .. socketOurs,
                    new("latencyP50Ms", latency.PercentileMs(50), "ms"),
                    new("latencyP99Ms", latency.PercentileMs(99), "ms"),
                    new("failures", failures, "count"),
                    new("allocatedBytesPerHandshake", allocatedPerHandshake, "B"),
                    new("jitCompiledMethods", jitMethods, "count"),
                ],
                [new("handshakesPerSecond", floor, "1/s"), .. socketFloor],
                "handshakesPerSecond",
                BenchSettings.Common(
                    ("connections", options.Connections),
                    ("concurrency", options.Concurrency),
                    ("target", options.Target?.ToString() ?? "own listener, loopback"),
                    ("warmupSeconds", options.WarmupSeconds),
                    ("warmupRanSeconds", Math.Round(warmup.Elapsed.TotalSeconds, 1)),
                    ("floor", "8 ECDH + 3 pubkey + 1 sign + 1 recover per handshake, on all cores")));
        }
        finally
        {
            if (node is not null)
                await node.DisposeAsync();
        }
    }

    private static async Task<(LatencyRecorder Latency, int Failures, string? LastError)> RunPhaseAsync(
        IPEndPoint endpoint, byte[] remoteId, int concurrency, Func<bool> more, CancellationToken ct)
    {
        var latency = new LatencyRecorder();
        int failures = 0;
        string? lastError = null;
        await BenchWorkers.RunAsync(concurrency, more, async () =>
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                await OneAsync(endpoint, remoteId, ct);
                latency.Add(Stopwatch.GetElapsedTime(started));
            }
            catch (Exception e) when (IsConnectionFailure(e, ct))
            {
                Interlocked.Increment(ref failures);
                lastError = e.Message;
            }
        }, ct);
        return (latency, failures, lastError);
    }

    /// <summary>The dialers' node identities, prepared before anything is timed (a node's key is not handshake work).</summary>
    private static readonly Lazy<BenchIdentity.Pool> Identities = new(() => new BenchIdentity.Pool(IdentityPoolSize));

    /// <summary>Identities in the pool: four times the most dials in flight, so no two of them share a node id.</summary>
    private const int IdentityPoolSize = 4 * MaxConcurrency;

    /// <summary>The most handshakes in flight <c>--concurrency</c> allows.</summary>
    public const int MaxConcurrency = 1024;

    private static async Task OneAsync(IPEndPoint endpoint, byte[] remoteId, CancellationToken ct)
    {
        await using var dialer = await BenchDialer.ConnectAsync(endpoint, remoteId, null, TimeSpan.FromSeconds(10), ct, Identities.Value.Next());
        await dialer.DisconnectAsync(ct);
    }

    internal static bool IsConnectionFailure(Exception e, CancellationToken ct) =>
        e is IOException or SocketException or TimeoutException or RlpxException or P2pHandshakeException or CryptoException
        || (e is OperationCanceledException && !ct.IsCancellationRequested);
}
