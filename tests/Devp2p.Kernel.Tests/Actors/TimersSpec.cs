using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class TimersSpec(ITestOutputHelper output) : TestKit.TestKit(output, useVirtualTime: true)
{
    private sealed record Single(object Key, string Message, TimeSpan Delay);
    private sealed record Periodic(object Key, string Message, TimeSpan Interval);
    private sealed record Cancel(object Key);
    private sealed record Restarted;

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public TimerActor(IActorRef report)
        {
            Receive<Single>(s =>
            {
                Timers.StartSingleTimer(s.Key, s.Message, s.Delay);
                Sender.Tell("ok");
            });
            Receive<Periodic>(p =>
            {
                Timers.StartPeriodicTimer(p.Key, p.Message, p.Interval);
                Sender.Tell("ok");
            });
            Receive<Cancel>(c =>
            {
                Timers.Cancel(c.Key);
                Sender.Tell("ok");
            });
            Receive<string>(s => s == "active?", _ => Sender.Tell(Timers.IsTimerActive("k")));
            Receive<string>(s => s == "replace-queued", _ =>
            {
                // The first timer's message is enqueued at once (zero delay), then the key is replaced:
                // the queued message belongs to an old generation and must not be delivered.
                Timers.StartSingleTimer("k", "old", TimeSpan.Zero);
                Timers.StartSingleTimer("k", "new", TimeSpan.FromSeconds(1));
                Sender.Tell("ok");
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart"));
            Receive<string>(s => report.Tell(s));
        }

        protected override void PostRestart(Exception reason) => Context.System.EventStream.Publish(new Restarted());
    }

    private IActorRef NewTimerActor() => Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));

    [Fact]
    public void Single_timer_fires_once_when_due()
    {
        var a = NewTimerActor();
        a.Tell(new Single("k", "tick", TimeSpan.FromSeconds(5)));
        ExpectMsg("ok");
        Advance(TimeSpan.FromMilliseconds(4999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("tick");
        Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        a.Tell("active?");
        ExpectMsg(false);
    }

    [Fact]
    public void Periodic_timer_fires_every_interval_until_cancelled()
    {
        var a = NewTimerActor();
        a.Tell(new Periodic("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        a.Tell("active?");
        ExpectMsg(true);
        a.Tell(new Cancel("k"));
        ExpectMsg("ok");
        Advance(TimeSpan.FromSeconds(3));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Restarting_a_key_replaces_the_timer()
    {
        var a = NewTimerActor();
        a.Tell(new Single("k", "first", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        a.Tell(new Single("k", "second", TimeSpan.FromSeconds(2)));
        ExpectMsg("ok");
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("second");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void A_replaced_timer_message_already_in_the_mailbox_is_not_delivered()
    {
        var a = NewTimerActor();
        a.Tell("replace-queued");
        ExpectMsg("ok");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("new");
    }

    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var a = NewTimerActor();
        a.Tell(new Periodic("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        Sys.EventStream.Subscribe(TestActor, typeof(Restarted));
        a.Tell("fail");
        ExpectMsg<Restarted>();
        Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Equal(0, VirtualScheduler!.PendingCount);
    }

    [Fact]
    public void Timers_are_cancelled_on_stop()
    {
        var a = NewTimerActor();
        a.Tell(new Single("k", "tick", TimeSpan.FromSeconds(1)));
        ExpectMsg("ok");
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        Assert.Equal(0, VirtualScheduler!.PendingCount);
        EventFilter.DeadLetter().Expect(0, () => Advance(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Scheduler_delivers_messages_due_at_the_same_instant_in_scheduling_order()
    {
        for (var i = 0; i < 20; i++) Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, i, null);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(500), TestActor, "earlier", null);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("earlier");
        for (var i = 0; i < 20; i++) ExpectMsg(i);
    }

    [Fact]
    public void Scheduler_repeated_tells_follow_virtual_time_and_can_be_cancelled()
    {
        var c = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TestActor, "r", null);
        Advance(TimeSpan.FromSeconds(5)); // at 1, 3, 5
        ExpectMsg("r");
        ExpectMsg("r");
        ExpectMsg("r");
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        c.Cancel();
        Advance(TimeSpan.FromSeconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        Assert.Equal(TimeSpan.FromSeconds(10), Sys.Scheduler.MonotonicClock);
    }
}
