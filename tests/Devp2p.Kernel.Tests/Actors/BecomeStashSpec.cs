using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class BecomeStashSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Switcher : ReceiveActor
    {
        public Switcher()
        {
            Receive<string>(s => s == "swap", _ => Become(Swapped));
            Receive<string>(s => s == "push", _ => BecomeStacked(Swapped));
            Receive<string>(s => Sender.Tell($"normal:{s}"));
        }

        private void Swapped()
        {
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            Receive<string>(s => s == "back", _ => Become(() => Receive<string>(s2 => Sender.Tell($"third:{s2}"))));
            Receive<string>(s => Sender.Tell($"swapped:{s}"));
        }
    }

    [Fact]
    public void Become_replaces_the_behaviour()
    {
        var a = Sys.ActorOf(Props.Create<Switcher>());
        a.Tell("x");
        ExpectMsg("normal:x");
        a.Tell("swap");
        a.Tell("y");
        ExpectMsg("swapped:y");
        a.Tell("back");
        a.Tell("z");
        ExpectMsg("third:z");
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_return_to_the_previous_behaviour()
    {
        var a = Sys.ActorOf(Props.Create<Switcher>());
        a.Tell("push");
        a.Tell("y");
        ExpectMsg("swapped:y");
        a.Tell("pop");
        a.Tell("z");
        ExpectMsg("normal:z");
    }

    [Fact]
    public void Handlers_are_tried_in_registration_order_and_Func_handlers_can_decline()
    {
        var a = Sys.ActorOf(Props.Create<Ordered>());
        a.Tell(5);
        ExpectMsg("small");
        a.Tell(50);
        ExpectMsg("declined-then-int");
        a.Tell("s");
        ExpectMsg("any");
    }

    private sealed class Ordered : ReceiveActor
    {
        public Ordered()
        {
            Receive<int>(i => i < 10, _ => Sender.Tell("small"));
            Receive<int>(_ => false);
            Receive<object>(o => o is int, _ => Sender.Tell("declined-then-int"));
            ReceiveAny(_ => Sender.Tell("any"));
            Receive<string>(_ => Sender.Tell("never: registered after ReceiveAny"));
        }
    }

    [Fact]
    public void Unhandled_messages_are_published()
    {
        var a = Sys.ActorOf(Props.Create<OnlyStrings>());
        EventFilter.Unhandled<int>().ExpectOne(() => a.Tell(42));
        EventFilter.Debug("Unhandled message").ExpectOne(() => a.Tell(43));
    }

    private sealed class OnlyStrings : ReceiveActor
    {
        public OnlyStrings() => Receive<string>(_ => { });
    }

    [Fact]
    public void Receive_outside_the_constructor_throws()
    {
        var a = Sys.ActorOf(Props.Create<LateRegistration>());
        a.Tell("go");
        ExpectMsg<InvalidOperationException>();
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration() => Receive<string>(_ =>
        {
            try
            {
                Receive<int>(_ => { });
            }
            catch (InvalidOperationException e)
            {
                Sender.Tell(e);
            }
        });
    }

    /// <summary>Stashes until "open", then replays in order.</summary>
    private sealed class Gate : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate()
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(Open);
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ => Stash.Unstash());
            ReceiveAny(_ => Stash.Stash());
        }

        private void Open()
        {
            Receive<string>(s => s == "close", _ => UnbecomeStacked());
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_in_order_before_later_ones()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        for (var i = 1; i <= 5; i++) gate.Tell(i);
        gate.Tell("open");
        gate.Tell(6);
        for (var i = 1; i <= 6; i++) ExpectMsg(i);
    }

    [Fact]
    public void Unstash_replays_the_oldest_stashed_message_first()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        gate.Tell(1);
        gate.Tell(2);
        gate.Tell("one"); // unstashes 1, which is stashed again (still closed)
        gate.Tell("open");
        ExpectMsg(2);
        ExpectMsg(1);
    }

    [Fact]
    public void Stashed_messages_keep_their_sender()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        var probe = CreateTestProbe();
        probe.Send(gate, "from-probe");
        gate.Tell("open");
        probe.ExpectMsg("from-probe");
    }

    [Fact]
    public void Stashed_messages_go_to_dead_letters_when_the_actor_stops()
    {
        var gate = Sys.ActorOf(Props.Create<Gate>());
        EventFilter.DeadLetter<int>().Expect(2, () =>
        {
            gate.Tell(1);
            gate.Tell(2);
            gate.Tell(PoisonPill.Instance);
        });
    }
}
