using System.Threading.Channels;
using Devp2p.Kernel;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The kernel workloads and their System.Threading.Channels twins, written once: <c>bench kernel</c> times
/// them on a running machine, and tests/Devp2p.Benchmarks compiles this same file (linked) for
/// BenchmarkDotNet's KernelBenchmarks, so both measure exactly the same hand-offs.
/// </summary>
internal static class KernelWorkloads
{
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

    public static async Task KernelPingPong(ActorSystem system, int rounds)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ponger = system.ActorOf(Props.Create<Ponger>());
        var pinger = system.ActorOf(Props.Create(() => new Pinger(ponger, rounds, done)));
        pinger.Tell(Ball.Instance, ponger);
        await done.Task;
        system.Stop(pinger);
        system.Stop(ponger);
    }

    public static async Task ChannelsPingPong(int rounds)
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

    public static async Task KernelFanIn(ActorSystem system, int senders, int messages)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counter = system.ActorOf(Props.Create(() => new Counter(senders * messages, done)));
        var producers = Enumerable.Range(0, senders).Select(_ => system.ActorOf(Props.Create(() => new Producer(counter, messages)))).ToArray();
        foreach (var p in producers) p.Tell("go", ActorRefs.NoSender);
        await done.Task;
        foreach (var p in producers) system.Stop(p);
        system.Stop(counter);
    }

    public static async Task ChannelsFanIn(int senders, int messages)
    {
        var channel = Channel.CreateUnbounded<Ball>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = Task.Run(async () =>
        {
            var count = 0;
            while (await channel.Reader.WaitToReadAsync())
            {
                while (channel.Reader.TryRead(out _))
                {
                    if (++count == senders * messages) return;
                }
            }
        });
        var producers = Enumerable.Range(0, senders).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < messages; i++) channel.Writer.TryWrite(Ball.Instance);
        })).ToArray();
        await Task.WhenAll(producers);
        await consumer;
    }
}
