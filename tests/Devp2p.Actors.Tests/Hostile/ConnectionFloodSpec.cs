using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// A connection flood from many 127.0.0.x source addresses (loopback is exempt from the per-IP inbound
/// throttle, as geth exempts LAN addresses, so every attempt reaches the listener): connections that
/// close at once, send garbage, or stay silent. MaxPendingPeers bounds the handshakes alive at once,
/// memory stays bounded, and an honest peer connects in the middle of it.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class ConnectionFloodSpec(ITestOutputHelper output) : TestKit(output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    [Trait("Category", "Long")]
    public async Task A_flood_of_connections_keeps_max_pending_peers_and_memory_bounded_and_an_honest_peer_gets_in()
    {
        int attempts = HostileScale.Pick(1000, 5000);
        var duration = HostileScale.Pick(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10));
        int maxPending = HostileScale.Pick(20, 50);
        const int concurrency = 200;
        await using var node = await HostileNode.StartAsync(Sys, s => s with
        {
            MaxPendingPeers = maxPending,
            HandshakeTimeout = HostileScale.Pick(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)),
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        long heapBefore = GC.GetTotalMemory(true);
        long rssBefore = Process.GetCurrentProcess().WorkingSet64;
        using var sampling = new CancellationTokenSource();
        var sampler = SampleMemoryAsync(sampling.Token);

        var outcomes = new int[3]; // connected, refused or failed to connect, honest tries
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(concurrency);
        var flood = Task.Run(async () =>
        {
            var running = new List<Task>(attempts);
            for (int i = 0; i < attempts; i++)
            {
                var due = duration * i / attempts;
                if (due > clock.Elapsed)
                    await Task.Delay(due - clock.Elapsed);
                await gate.WaitAsync();
                int n = i;
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        Interlocked.Increment(ref outcomes[await AttackOnceAsync(node.EndPoint, n) ? 0 : 1]);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            await Task.WhenAll(running);
        });

        await Task.Delay(duration / 3);
        Support.RemotePeer? honest = null;
        var honestClock = Stopwatch.StartNew();
        for (int tries = 1; honest is null && tries <= 3; tries++)
        {
            outcomes[2] = tries;
            try
            {
                honest = await node.ConnectPeerAsync();
            }
            catch (Exception e) when (tries < 3 && e is IOException or OperationCanceledException or Protocol.Rlpx.RlpxException or TimeoutException)
            {
                _output.WriteLine($"honest try {tries} failed: {e.GetType().Name}: {e.Message}");
            }
        }
        var honestTook = honestClock.Elapsed;
        await flood;
        var floodTook = clock.Elapsed;
        await HostileNode.EchoAsync(honest!, [0x07]);
        sampling.Cancel();
        var (heapPeak, rssPeak) = await sampler;

        _output.WriteLine($"{attempts} attempts in {floodTook.TotalSeconds:0.0} s ({outcomes[0]} connected, {outcomes[1]} refused or failed); " +
            $"node accepted {node.Connections.Total}, at most {node.Connections.Peak} at once (MaxPendingPeers {maxPending}); " +
            $"honest peer in after {honestTook.TotalSeconds:0.00} s, {outcomes[2]} tries; " +
            $"managed heap {heapBefore / 1048576.0:0.0} -> peak {heapPeak / 1048576.0:0.0} MiB; RSS {rssBefore / 1048576.0:0} -> peak {rssPeak / 1048576.0:0} MiB");

        Assert.True(outcomes[0] >= attempts / 2, $"only {outcomes[0]} of {attempts} flood connections got through TCP: the flood did not flood");
        Assert.InRange(node.Connections.Peak, 1, maxPending + 1); // the handshakes, plus the honest peer once added
        Assert.InRange(heapPeak - heapBefore, long.MinValue, 256L * 1024 * 1024);
        await AwaitAssertAsync(() => Assert.Equal(1, node.Connections.Live), HostileScale.Patience(15));
        Assert.Equal(honest!.Id, Assert.Single(await node.WaitForPeersAsync(1)).Id);
    }

    /// <summary>One flood connection from 127.0.0.(2..254): closes at once, sends garbage, or stays silent for a while. False if TCP did not connect.</summary>
    private static async Task<bool> AttackOnceAsync(IPEndPoint target, int n)
    {
        var from = new IPAddress(new byte[] { 127, 0, 0, (byte)(2 + n % 253) });
        using var client = new TcpClient(new IPEndPoint(from, 0)) { NoDelay = true, LingerState = new LingerOption(true, 0) };
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await client.ConnectAsync(target, cts.Token);
            switch (n % 3)
            {
                case 1:
                    await client.GetStream().WriteAsync(RandomNumberGenerator.GetBytes(300), cts.Token);
                    break;
                case 2:
                    await Task.Delay(500, cts.Token);
                    break;
            }
            return true;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<(long Heap, long Rss)> SampleMemoryAsync(CancellationToken stop)
    {
        long heap = 0, rss = 0;
        using var process = Process.GetCurrentProcess();
        while (!stop.IsCancellationRequested)
        {
            heap = Math.Max(heap, GC.GetTotalMemory(false));
            process.Refresh();
            rss = Math.Max(rss, process.WorkingSet64);
            try
            {
                await Task.Delay(50, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return (heap, rss);
    }

    private static async Task AwaitAssertAsync(Action assertion, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
