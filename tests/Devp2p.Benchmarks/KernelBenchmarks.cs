using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Devp2p.Cli.Commands.Bench;
using Devp2p.Kernel;

namespace Devp2p.Benchmarks;

/// <summary>
/// The kernel's mailbox/dispatcher against raw System.Threading.Channels doing the same work:
/// one ping-pong pair (latency bound: every message is a hand-off between two pool threads), and
/// 8 senders fanning in to one receiver (throughput bound: contention on one queue).
/// Each operation moves <see cref="Messages"/> messages per sender; report messages/s = Messages * senders / mean.
/// The workloads are <c>bench kernel</c>'s own (KernelWorkloads.cs, linked from src/Devp2p.Cli).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KernelBenchmarks
{
    public const int Messages = 100_000;
    public const int Senders = 8;

    private ActorSystem _system = null!;

    [GlobalSetup]
    public void Setup() => _system = ActorSystem.Create("bench");

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Benchmark(Description = "Kernel ping-pong (100k round trips)")]
    [BenchmarkCategory("PingPong")]
    public Task Kernel_PingPong() => KernelWorkloads.KernelPingPong(_system, Messages);

    [Benchmark(Baseline = true, Description = "Channels ping-pong (100k round trips)")]
    [BenchmarkCategory("PingPong")]
    public Task Channels_PingPong() => KernelWorkloads.ChannelsPingPong(Messages);

    [Benchmark(Description = "Kernel fan-in (8 x 100k)")]
    [BenchmarkCategory("FanIn")]
    public Task Kernel_FanIn() => KernelWorkloads.KernelFanIn(_system, Senders, Messages);

    [Benchmark(Baseline = true, Description = "Channels fan-in (8 x 100k)")]
    [BenchmarkCategory("FanIn")]
    public Task Channels_FanIn() => KernelWorkloads.ChannelsFanIn(Senders, Messages);
}
