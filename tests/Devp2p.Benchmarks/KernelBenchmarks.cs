using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Devp2p.Kernel;

namespace Devp2p.Benchmarks;

/// <summary>
/// The kernel's mailbox/dispatcher against raw System.Threading.Channels doing the same work:
/// one ping-pong pair (latency bound: every message is a hand-off between two pool threads), and
/// 8 senders fanning in to one receiver (throughput bound: contention on one queue).
/// Each operation moves <see cref="Messages"/> messages per sender; report messages/s = Messages * senders / mean.
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

    // ---------------- ping-pong ----------------

    /// <summary>One shared message instance, carried by the actors and by the channels alike: nobody allocates per message, and both queues hold the same object reference (a channel of ints would skip the GC write barrier an actor message always pays).</summary>
    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<Ball>(b => Sender.Tell(b, Self));
    }

    private sealed class Pinger : ReceiveActor
    {
        public Pinger(IActorRef ponger, int rounds, TaskCompletionSource done)
        {
            var count = 0;
            Receive<Ball>(b =>
            {
                if (++count == rounds) done.TrySetResult();
                else ponger.Tell(b, Self);
            });
        }
    }

    [Benchmark(Description = "Kernel ping-pong (100k round trips)")]
    [BenchmarkCategory("PingPong")]
    public async Task Kernel_PingPong()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = _system.ActorOf(Props.Create<Ponger>());
        var pinger = _system.ActorOf(Props.Create(() => new Pinger(ponger, Messages, done)));
        pinger.Tell(Ball.Instance, ponger);
        await done.Task;
        _system.Stop(pinger);
        _system.Stop(ponger);
    }

    [Benchmark(Baseline = true, Description = "Channels ping-pong (100k round trips)")]
    [BenchmarkCategory("PingPong")]
    public async Task Channels_PingPong()
    {
        var ping = Channel.CreateUnbounded<Ball>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var pong = Channel.CreateUnbounded<Ball>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var ponger = Task.Run(async () =>
        {
            while (await ping.Reader.WaitToReadAsync())
            {
                while (ping.Reader.TryRead(out var b)) pong.Writer.TryWrite(b);
            }
        });
        var pinger = Task.Run(async () =>
        {
            var count = 0;
            ping.Writer.TryWrite(Ball.Instance);
            while (await pong.Reader.WaitToReadAsync())
            {
                while (pong.Reader.TryRead(out var b))
                {
                    if (++count == Messages)
                    {
                        ping.Writer.Complete();
                        return;
                    }
                    ping.Writer.TryWrite(b);
                }
            }
        });
        await pinger;
        await ponger;
    }

    // ---------------- fan-in ----------------

    private sealed class Counter : ReceiveActor
    {
        public Counter(int expected, TaskCompletionSource done)
        {
            var count = 0;
            Receive<Ball>(_ =>
            {
                if (++count == expected) done.TrySetResult();
            });
        }
    }

    private sealed class Producer : ReceiveActor
    {
        public Producer(IActorRef target) => Receive<string>(_ =>
        {
            for (var i = 0; i < Messages; i++) target.Tell(Ball.Instance, Self);
        });
    }

    [Benchmark(Description = "Kernel fan-in (8 x 100k)")]
    [BenchmarkCategory("FanIn")]
    public async Task Kernel_FanIn()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = _system.ActorOf(Props.Create(() => new Counter(Senders * Messages, done)));
        var producers = Enumerable.Range(0, Senders).Select(_ => _system.ActorOf(Props.Create(() => new Producer(counter)))).ToArray();
        foreach (var p in producers) p.Tell("go", ActorRefs.NoSender);
        await done.Task;
        foreach (var p in producers) _system.Stop(p);
        _system.Stop(counter);
    }

    [Benchmark(Baseline = true, Description = "Channels fan-in (8 x 100k)")]
    [BenchmarkCategory("FanIn")]
    public async Task Channels_FanIn()
    {
        var channel = Channel.CreateUnbounded<Ball>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            var count = 0;
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    if (++count == Senders * Messages) return;
                }
            }
        });
        var producers = Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < Messages; i++) channel.Writer.TryWrite(Ball.Instance);
        })).ToArray();
        await Task.WhenAll(producers);
        await consumer;
    }
}
