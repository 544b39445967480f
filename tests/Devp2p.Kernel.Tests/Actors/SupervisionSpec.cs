using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class SupervisionSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    internal sealed class ResumeMe(string message) : Exception(message);
    internal sealed class RestartMe(string message) : Exception(message);
    internal sealed class StopMe(string message) : Exception(message);
    internal sealed class EscalateMe(string message) : Exception(message);

    internal sealed record Fail(Exception Cause);

    /// <summary>Counts "inc", answers "get", throws on Fail, reports its lifecycle to a probe.</summary>
    internal sealed class Counter : ReceiveActor
    {
        private readonly IActorRef _reporter;
        private int _count;

        public Counter(IActorRef reporter)
        {
            _reporter = reporter;
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<Fail>(f => throw f.Cause);
        }

        protected override void PreStart() => _reporter.Tell($"{Self.Path.Name}:started");
        protected override void PostStop() => _reporter.Tell($"{Self.Path.Name}:stopped");
        protected override void PostRestart(Exception reason)
        {
            _reporter.Tell($"{Self.Path.Name}:restarted:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    /// <summary>Creates children from Props and hands back their refs.</summary>
    internal sealed class Supervisor : ReceiveActor
    {
        private readonly IActorRef _reporter;

        public Supervisor(IActorRef reporter)
        {
            _reporter = reporter;
            Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
            Receive<Fail>(f => throw f.Cause);
        }

        protected override void PreStart() => _reporter.Tell($"{Self.Path.Name}:started");
        protected override void PostStop() => _reporter.Tell($"{Self.Path.Name}:stopped");
        protected override void PostRestart(Exception reason)
        {
            _reporter.Tell($"{Self.Path.Name}:restarted:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    internal static readonly IDecider TestDecider = Decider.From(e => e switch
    {
        ResumeMe => Directive.Resume,
        RestartMe => Directive.Restart,
        StopMe => Directive.Stop,
        EscalateMe => Directive.Escalate,
        _ => SupervisorStrategy.DefaultDecider.Decide(e),
    });

    private IActorRef SupervisorWith(SupervisorStrategy strategy, string name = "sup")
    {
        var sup = Sys.ActorOf(Props.Create(() => new Supervisor(TestActor)).WithSupervisorStrategy(strategy), name);
        ExpectMsg($"{name}:started");
        return sup;
    }

    private IActorRef ChildOf(IActorRef sup, string name)
    {
        sup.Tell((Props.Create(() => new Counter(TestActor)), name));
        var child = FishForMessage<IActorRef>(_ => true);
        FishForMessage<string>(s => s == $"{name}:started");
        return child;
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var child = ChildOf(SupervisorWith(new OneForOneStrategy(TestDecider)), "c");
        child.Tell("inc");
        child.Tell("inc");
        EventFilter.Warning().ExpectOne(() => child.Tell(new Fail(new ResumeMe("resume"))));
        child.Tell("inc");
        child.Tell("get");
        ExpectMsg(3);
    }

    [Fact]
    public void Restart_resets_state_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var child = ChildOf(SupervisorWith(new OneForOneStrategy(TestDecider)), "c");
        child.Tell("inc");
        child.Tell(new Fail(new RestartMe("boom")));
        child.Tell("inc");
        child.Tell("get");
        ExpectMsg("c:stopped");
        ExpectMsg("c:restarted:boom");
        ExpectMsg("c:started");
        ExpectMsg(1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stop_stops_the_child()
    {
        var child = ChildOf(SupervisorWith(new OneForOneStrategy(TestDecider)), "c");
        Watch(child);
        EventFilter.Error<StopMe>().ExpectOne(() => child.Tell(new Fail(new StopMe("stop"))));
        ExpectMsg("c:stopped");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_in_its_own_supervisor()
    {
        var decisions = CreateTestProbe();
        var top = Sys.ActorOf(Props.Create(() => new Supervisor(TestActor)).WithSupervisorStrategy(new OneForOneStrategy(e =>
        {
            decisions.Ref.Tell(e.Message);
            return Directive.Restart;
        })), "top");
        ExpectMsg("top:started");
        top.Tell((Props.Create(() => new Supervisor(TestActor)).WithSupervisorStrategy(new OneForOneStrategy(TestDecider)), "mid"));
        var mid = ExpectMsg<IActorRef>();
        ExpectMsg("mid:started");
        var leaf = ChildOf(mid, "leaf");

        leaf.Tell(new Fail(new EscalateMe("up")));
        decisions.ExpectMsg("up");
        // mid restarts: its default PreRestart stops leaf, then the new mid instance runs PostRestart.
        ExpectMsgAllOf("leaf:stopped", "mid:stopped");
        ExpectMsg("mid:restarted:up");
        ExpectMsg("mid:started");
        top.Tell("still alive?");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void AllForOne_restarts_all_siblings()
    {
        var sup = SupervisorWith(new AllForOneStrategy(TestDecider));
        var a = ChildOf(sup, "a");
        var b = ChildOf(sup, "b");
        a.Tell("inc");
        b.Tell("inc");
        a.Tell(new Fail(new RestartMe("all")));
        ExpectMsgAllOf("a:stopped", "b:stopped", "a:restarted:all", "b:restarted:all", "a:started", "b:started");
        a.Tell("get");
        ExpectMsg(0);
        b.Tell("get");
        ExpectMsg(0);
    }

    [Fact]
    public void AllForOne_stop_stops_all_siblings()
    {
        var sup = SupervisorWith(new AllForOneStrategy(TestDecider));
        var a = ChildOf(sup, "a");
        var b = ChildOf(sup, "b");
        Watch(a);
        Watch(b);
        a.Tell(new Fail(new StopMe("all")));
        // Each child's PostStop report and its Terminated come from different threads: a's Terminated may
        // arrive before b's PostStop report, so take all four and check each kind.
        var messages = ReceiveN(4);
        Assert.Equal(new HashSet<string> { "a:stopped", "b:stopped" }, messages.OfType<string>().ToHashSet());
        var terminated = messages.OfType<Terminated>().Select(t => t.ActorRef).ToHashSet();
        Assert.Equal(new HashSet<IActorRef> { a, b }, terminated);
    }

    [Fact]
    public void Exceeding_max_retries_within_the_window_stops_the_child()
    {
        var child = ChildOf(SupervisorWith(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), TestDecider)), "c");
        Watch(child);
        for (var i = 1; i <= 2; i++)
        {
            child.Tell(new Fail(new RestartMe($"r{i}")));
            ExpectMsg("c:stopped");
            ExpectMsg($"c:restarted:r{i}");
            ExpectMsg("c:started");
        }
        child.Tell(new Fail(new RestartMe("r3")));
        ExpectMsg("c:stopped");
        ExpectTerminated(child);
    }

    [Fact]
    public void Zero_retries_means_stop_on_first_failure()
    {
        var child = ChildOf(SupervisorWith(new OneForOneStrategy(0, null, TestDecider)), "c");
        Watch(child);
        child.Tell(new Fail(new RestartMe("once")));
        ExpectMsg("c:stopped");
        ExpectTerminated(child);
    }

    private sealed class FailsInPreStart : ReceiveActor
    {
        public FailsInPreStart() => ReceiveAny(_ => { });
        protected override void PreStart() => throw new InvalidOperationException("no start");
    }

    private sealed class FailsInCtor : ReceiveActor
    {
        public FailsInCtor() => throw new InvalidOperationException("no ctor");
    }

    [Fact]
    public void Default_strategy_stops_on_initialization_failure_in_PreStart()
    {
        EventFilter.Error<ActorInitializationException>().ExpectOne(() =>
        {
            var actor = Sys.ActorOf(Props.Create<FailsInPreStart>());
            Watch(actor);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void Default_strategy_stops_on_constructor_failure()
    {
        EventFilter.Error<InvalidOperationException>("no ctor").ExpectOne(() =>
        {
            var actor = Sys.ActorOf(Props.Create<FailsInCtor>());
            Watch(actor);
            ExpectTerminated(actor);
        });
    }

    [Fact]
    public void Default_strategy_restarts_on_ordinary_exceptions_and_stops_on_Kill()
    {
        var child = ChildOf(SupervisorWith(SupervisorStrategy.DefaultStrategy), "c");
        child.Tell(new Fail(new InvalidOperationException("oops")));
        ExpectMsg("c:stopped");
        ExpectMsg("c:restarted:oops");
        ExpectMsg("c:started");
        Watch(child);
        EventFilter.Error<ActorKilledException>().ExpectOne(() => child.Tell(Kill.Instance));
        ExpectMsg("c:stopped");
        ExpectTerminated(child);
    }

    [Fact]
    public void Top_level_actors_are_restarted_by_the_user_guardian_and_the_system_survives()
    {
        var top = Sys.ActorOf(Props.Create(() => new Counter(TestActor)), "top");
        ExpectMsg("top:started");
        top.Tell("inc");
        top.Tell(new Fail(new InvalidOperationException("top failure")));
        ExpectMsg("top:stopped");
        ExpectMsg("top:restarted:top failure");
        ExpectMsg("top:started");
        top.Tell("get");
        ExpectMsg(0);
    }

    [Fact]
    public void Escalation_to_the_user_guardian_restarts_the_top_level_actor()
    {
        var sup = SupervisorWith(new OneForOneStrategy(TestDecider), "escalating");
        var child = ChildOf(sup, "c");
        child.Tell(new Fail(new EscalateMe("to the guardian")));
        ExpectMsgAllOf("c:stopped", "escalating:stopped");
        ExpectMsg("escalating:restarted:to the guardian");
        ExpectMsg("escalating:started");
    }

    [Fact]
    public void Strategy_from_the_actor_override_is_used_when_props_has_none()
    {
        var sup = Sys.ActorOf(Props.Create(() => new ResumingParent(TestActor)));
        sup.Tell("make");
        var child = ExpectMsg<IActorRef>();
        ExpectMsg("kid:started");
        child.Tell("inc");
        child.Tell(new Fail(new InvalidOperationException("x")));
        child.Tell("get");
        ExpectMsg(1);
    }

    private sealed class ResumingParent : ReceiveActor
    {
        public ResumingParent(IActorRef reporter) =>
            Receive<string>(_ => Sender.Tell(Context.ActorOf(Props.Create(() => new Counter(reporter)), "kid")));

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);
    }
}
