using System.Collections.Concurrent;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class TerminationSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Node : ReceiveActor
    {
        private readonly ConcurrentQueue<string> _stopped;

        public Node(ConcurrentQueue<string> stopped, int depth, CountdownEvent started)
        {
            _stopped = stopped;
            for (var i = 0; i < depth; i++) Context.ActorOf(Props.Create(() => new Node(stopped, depth - 1, started)), $"n{i}");
            started.Signal();
            ReceiveAny(_ => { });
        }

        protected override void PostStop()
        {
            Thread.Sleep(1);
            _stopped.Enqueue(Self.Path.ToString());
        }
    }

    [Fact]
    public async Task Terminate_completes_after_every_PostStop_children_first()
    {
        var stopped = new ConcurrentQueue<string>();
        // depth 3 → 1 + 3 + 3*2 + 3*2*1 = 16 actors per root
        using var started = new CountdownEvent(32);
        using var system = ActorSystem.Create("terminating");
        system.ActorOf(Props.Create(() => new Node(stopped, 3, started)), "a");
        system.ActorOf(Props.Create(() => new Node(stopped, 3, started)), "b");
        Assert.True(started.Wait(TimeSpan.FromSeconds(5)));

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(system.WhenTerminated.IsCompleted);
        var order = stopped.ToList();
        Assert.Equal(32, order.Count);
        foreach (var path in order)
        {
            foreach (var d in order.Where(p => p.StartsWith(path + "/", StringComparison.Ordinal)))
                Assert.True(order.IndexOf(d) < order.IndexOf(path), $"{d} must stop before {path}");
        }
        Assert.Throws<InvalidOperationException>(() => system.ActorOf(Props.Create(() => new Node(stopped, 0, started))));
    }

    [Fact]
    public async Task Messages_after_termination_go_nowhere_and_Terminate_is_idempotent()
    {
        using var system = ActorSystem.Create("twice");
        var a = system.ActorOf(Props.Create(() => new Node(new ConcurrentQueue<string>(), 0, new CountdownEvent(1))));
        var first = system.Terminate();
        var second = system.Terminate();
        await first.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Same(first, second);
        a.Tell("late", null); // must not throw
    }
}
