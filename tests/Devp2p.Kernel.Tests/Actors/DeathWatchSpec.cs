using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class DeathWatchSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }

    /// <summary>Watches on command and reports every Terminated (or custom message) it gets.</summary>
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef report, ManualResetEventSlim? gate = null)
        {
            Receive<(string Cmd, IActorRef Target)>(c => c.Cmd == "watch", c => Context.Watch(c.Target));
            Receive<(string Cmd, IActorRef Target)>(c => c.Cmd == "watch-with", c => Context.WatchWith(c.Target, $"custom:{c.Target.Path.Name}"));
            Receive<(string Cmd, IActorRef Target)>(c => c.Cmd == "unwatch", c => Context.Unwatch(c.Target));
            Receive<string>(s => s == "block", _ => gate!.Wait(TimeSpan.FromSeconds(5)));
            Receive<string>(s => s == "ping", _ => Sender.Tell("pong"));
            Receive<string>(s => report.Tell(s));
            Receive<Terminated>(t => report.Tell(t));
        }
    }

    private sealed class NoTerminatedHandler : ReceiveActor
    {
        public NoTerminatedHandler(IActorRef target) => Receive<string>(_ => Context.Watch(target));
        protected override void PostStop() => Context.System.EventStream.Publish("pact-broken");
    }

    [Fact]
    public void Watching_an_actor_that_stops_yields_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, null)));
        watcher.Tell(("watch", target));
        watcher.Tell(("watch", target));
        watcher.Tell("ping");
        ExpectMsg("pong");
        Sys.Stop(target);
        var t = probe.ExpectMsg<Terminated>();
        Assert.Equal(target, t.ActorRef);
        Assert.True(t.ExistenceConfirmed);
        Assert.False(t.AddressTerminated);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_an_already_dead_actor_yields_Terminated_at_once()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);

        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, null)));
        watcher.Tell(("watch", target));
        var t = probe.ExpectMsg<Terminated>();
        Assert.Equal(target, t.ActorRef);
        Assert.False(t.ExistenceConfirmed);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_Nobody_yields_Terminated()
    {
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, null)));
        watcher.Tell(("watch", ActorRefs.Nobody));
        Assert.Equal(ActorRefs.Nobody, probe.ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Unwatch_suppresses_a_Terminated_that_is_already_queued()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, gate)));
        watcher.Tell(("watch", target));
        watcher.Tell("block");
        watcher.Tell(("unwatch", target));
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target); // the watcher's notification is now in its system queue, behind the blocked handler
        gate.Set();
        watcher.Tell("ping");
        ExpectMsg("pong");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unwatch_before_stop_means_no_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, null)));
        watcher.Tell(("watch", target));
        watcher.Tell(("unwatch", target));
        watcher.Tell("ping");
        ExpectMsg("pong");
        Sys.Stop(target);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Idle>(), "target");
        var probe = CreateTestProbe();
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe.Ref, null)));
        watcher.Tell(("watch-with", target));
        watcher.Tell("ping");
        ExpectMsg("pong");
        target.Tell(PoisonPill.Instance);
        probe.ExpectMsg("custom:target");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unhandled_Terminated_fails_the_watcher_with_DeathPactException_and_stops_it()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var watcher = Sys.ActorOf(Props.Create(() => new NoTerminatedHandler(target)));
        Watch(watcher);
        watcher.Tell("watch");
        EventFilter.Error<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(watcher);
    }

    [Fact]
    public void Each_of_several_watchers_gets_exactly_one_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<Idle>());
        var probes = Enumerable.Range(0, 5).Select(_ => CreateTestProbe()).ToArray();
        foreach (var p in probes) p.Watch(target);
        // Watch is asynchronous: make sure every watch is in place before stopping.
        foreach (var p in probes)
        {
            p.Send(target, "sync");
        }
        Thread.Yield();
        target.Tell(PoisonPill.Instance);
        foreach (var p in probes)
        {
            p.ExpectTerminated(target);
            p.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        }
    }

    [Fact]
    public void Parent_watching_its_child_gets_Terminated_once_and_the_child_is_removed()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ChildWatcher(TestActor)));
        parent.Tell("spawn");
        var child = ExpectMsg<IActorRef>();
        child.Tell(PoisonPill.Instance);
        Assert.Equal(child, ExpectMsg<Terminated>().ActorRef);
        parent.Tell("children");
        ExpectMsg(0);
        parent.Tell("spawn");
        Assert.NotEqual(child, ExpectMsg<IActorRef>()); // the name is free again
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private sealed class ChildWatcher : ReceiveActor
    {
        public ChildWatcher(IActorRef report)
        {
            Receive<string>(s => s == "spawn", _ => Sender.Tell(Context.Watch(Context.ActorOf(Props.Create<Idle>(), "kid"))));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.GetChildren().Count()));
            Receive<Terminated>(t => report.Tell(t));
        }
    }
}
