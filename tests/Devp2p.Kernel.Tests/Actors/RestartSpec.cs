using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class RestartSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Grandchild : ReceiveActor
    {
        private readonly IActorRef _log;

        public Grandchild(IActorRef log)
        {
            _log = log;
            ReceiveAny(_ => { });
        }

        protected override void PostStop() => _log.Tell("grandchild:PostStop");
    }

    /// <summary>Records every lifecycle hook, with an instance number, in order.</summary>
    private sealed class Recorder : ReceiveActor
    {
        private static int _instances;
        private readonly IActorRef _log;
        private readonly int _instance;

        public Recorder(IActorRef log)
        {
            _log = log;
            _instance = Interlocked.Increment(ref _instances);
            _log.Tell($"ctor");
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(s => s == "spawn", _ => Sender.Tell(Context.ActorOf(Props.Create(() => new Grandchild(_log)), "gc")));
            Receive<string>(s => _log.Tell($"got:{s}"));
        }

        protected override void PreStart() => _log.Tell("PreStart");
        protected override void PostStop() => _log.Tell("PostStop");

        protected override void PreRestart(Exception reason, object? message)
        {
            _log.Tell($"PreRestart:{reason.Message}:{message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason)
        {
            _log.Tell($"PostRestart:{reason.Message}");
            base.PostRestart(reason);
        }
    }

    [Fact]
    public void Restart_runs_hooks_in_Akka_order_and_waits_for_children_to_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        actor.Tell("spawn");
        ExpectMsg<IActorRef>();
        actor.Tell("fail");
        ExpectMsg("PreRestart:fail:fail");
        ExpectMsg("PostStop");
        ExpectMsg("grandchild:PostStop");
        ExpectMsg("ctor");
        ExpectMsg("PostRestart:fail");
        ExpectMsg("PreStart");
    }

    [Fact]
    public void Restart_keeps_the_mailbox_in_order_after_the_failing_message()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder(TestActor)));
        ExpectMsg("ctor");
        ExpectMsg("PreStart");
        actor.Tell("a");
        actor.Tell("fail");
        actor.Tell("b");
        actor.Tell("c");
        ExpectMsg("got:a");
        ExpectMsg("PreRestart:fail:fail");
        ExpectMsg("PostStop");
        ExpectMsg("ctor");
        ExpectMsg("PostRestart:fail");
        ExpectMsg("PreStart");
        ExpectMsg("got:b");
        ExpectMsg("got:c");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Stashes everything until "open"; "fail" throws while closed.</summary>
    private sealed class StashingRecorder : ReceiveActor, IWithUnboundedStash
    {
        public IStash Stash { get; set; } = null!;

        public StashingRecorder(IActorRef log, bool closed)
        {
            if (closed)
            {
                Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("restart me"));
                ReceiveAny(_ => Stash.Stash());
            }
            else
            {
                Receive<string>(s => log.Tell($"got:{s}"));
            }
        }
    }

    [Fact]
    public void Stashed_messages_are_redelivered_after_restart()
    {
        var instance = 0;
        var actor = Sys.ActorOf(Props.Create(() => new StashingRecorder(TestActor, closed: Interlocked.Increment(ref instance) == 1)));
        actor.Tell("one");
        actor.Tell("two");
        actor.Tell("fail");
        actor.Tell("three");
        ExpectMsg("got:one");
        ExpectMsg("got:two");
        ExpectMsg("got:three");
    }

    private sealed class FailsInPostRestart : ReceiveActor
    {
        public FailsInPostRestart() => Receive<string>(_ => throw new InvalidOperationException("first"));
        protected override void PostRestart(Exception reason) => throw new InvalidOperationException("second");
    }

    [Fact]
    public void Failure_in_PostRestart_is_an_initialization_failure_and_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create<FailsInPostRestart>());
        Watch(actor);
        EventFilter.Error<ActorInitializationException>().ExpectOne(() => actor.Tell("go"));
        ExpectTerminated(actor);
    }
}
