using Devp2p.Kernel.Event;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class PoisonPillKillSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Reporter : ReceiveActor
    {
        private readonly IActorRef _report;

        public Reporter(IActorRef report)
        {
            _report = report;
            Receive<string>(s => report.Tell($"got:{s}"));
        }

        protected override void PostStop() => _report.Tell("PostStop");
    }

    [Fact]
    public void PoisonPill_stops_after_the_messages_before_it_and_dead_letters_the_rest()
    {
        var a = Sys.ActorOf(Props.Create(() => new Reporter(TestActor)));
        Watch(a);
        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        a.Tell("1");
        a.Tell("2");
        a.Tell(PoisonPill.Instance);
        a.Tell("3");
        ExpectMsg("got:1");
        ExpectMsg("got:2");
        ExpectMsg("PostStop");
        ExpectTerminated(a);
        var dl = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("3", dl.Message);
        Assert.Equal(a, dl.Recipient);
        Assert.Equal(TestActor, dl.Sender);
    }

    [Fact]
    public void Kill_fails_the_actor_with_ActorKilledException_and_the_default_strategy_stops_it()
    {
        var a = Sys.ActorOf(Props.Create(() => new Reporter(TestActor)));
        Watch(a);
        a.Tell("1");
        EventFilter.Error<ActorKilledException>().ExpectOne(() => a.Tell(Kill.Instance));
        ExpectMsg("got:1");
        ExpectMsg("PostStop");
        ExpectTerminated(a);
    }

    [Fact]
    public void Kill_under_a_restarting_strategy_restarts()
    {
        var parent = Sys.ActorOf(Props.Create(() => new RestartingParent(TestActor)));
        parent.Tell("make");
        var child = ExpectMsg<IActorRef>();
        child.Tell(Kill.Instance);
        ExpectMsg("PostStop");
        child.Tell("after");
        ExpectMsg("got:after");
    }

    private sealed class RestartingParent : ReceiveActor
    {
        public RestartingParent(IActorRef report) => Receive<string>(_ => Sender.Tell(Context.ActorOf(Props.Create(() => new Reporter(report)))));
        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);
    }

    [Fact]
    public void Stop_of_a_parent_stops_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Tree(TestActor, 2)), "root");
        ExpectMsg("ready");
        Watch(parent);
        Sys.Stop(parent);
        var order = ReceiveN(7).Cast<string>().ToList();
        ExpectTerminated(parent);
        foreach (var path in order)
        {
            // every actor's PostStop comes after all of its descendants'
            var descendants = order.Where(p => p.StartsWith(path + "/", StringComparison.Ordinal));
            Assert.All(descendants, d => Assert.True(order.IndexOf(d) < order.IndexOf(path), $"{d} should stop before {path}"));
        }
        Assert.Equal("akka://test/user/root", order[^1]);
    }

    internal sealed class Tree : ReceiveActor
    {
        private readonly IActorRef _report;

        public Tree(IActorRef report, int depth)
        {
            _report = report;
            if (depth > 0)
            {
                Context.ActorOf(Props.Create(() => new Tree(report, depth - 1)), "l");
                Context.ActorOf(Props.Create(() => new Tree(report, depth - 1)), "r");
            }
            if (Context.Parent.Path.Name == "user") report.Tell("ready");
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _report.Tell(Self.Path.ToString());
    }
}
