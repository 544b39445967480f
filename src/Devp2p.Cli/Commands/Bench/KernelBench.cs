using System.Diagnostics;
using System.Threading.Channels;
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
        await KernelPingPong(system, warm);
        await ChannelsPingPong(warm);
        await KernelFanIn(system, warm);
        await ChannelsFanIn(warm);
        ct.ThrowIfCancellationRequested();

        // Interleaved repetitions, each figure the median of its own: one 100,000-message run lasts tens of
        // milliseconds, so on a shared machine a single timing mostly measures who else got the cores.
        var times = new double[4][];
        for (var i = 0; i < times.Length; i++) times[i] = new double[Repetitions];
        for (var r = 0; r < Repetitions; r++)
        {
            ct.ThrowIfCancellationRequested();
            times[0][r] = await Time(() => KernelPingPong(system, options.Messages));
            times[1][r] = await Time(() => ChannelsPingPong(options.Messages));
            times[2][r] = await Time(() => KernelFanIn(system, options.Messages));
            times[3][r] = await Time(() => ChannelsFanIn(options.Messages));
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
        public Producer(IActorRef target, int messages) => Receive<string>(_ =>
        {
            for (var i = 0; i < messages; i++) target.Tell(Ball.Instance, Self);
        });
    }

    private static async Task KernelPingPong(ActorSystem system, int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = system.ActorOf(Props.Create<Ponger>());
        var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, rounds, done)));
        pinger.Tell(Ball.Instance, ponger);
        await done.Task;
        system.Stop(pinger);
        system.Stop(ponger);
    }

    private static async Task ChannelsPingPong(int rounds)
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
                    if (++count == rounds)
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

    private static async Task KernelFanIn(ActorSystem system, int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new Counter(Senders * messages, done)));
        var producers = Enumerable.Range(0, Senders).Select(_ => system.ActorOf(Props.Create(() => new Producer(counter, messages)))).ToArray();
        foreach (var p in producers) p.Tell("go", ActorRefs.NoSender);
        await done.Task;
        foreach (var p in producers) system.Stop(p);
        system.Stop(counter);
    }

    private static async Task ChannelsFanIn(int messages)
    {
        var channel = Channel.CreateUnbounded<Ball>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            var count = 0;
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    if (++count == Senders * messages) return;
                }
            }
        });
        var producers = Enumerable.Range(0, Senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < messages; i++) channel.Writer.TryWrite(Ball.Instance);
        })).ToArray();
        await Task.WhenAll(producers);
        await consumer;
    }
}
