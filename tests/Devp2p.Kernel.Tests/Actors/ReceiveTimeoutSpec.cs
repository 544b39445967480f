using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class ReceiveTimeoutSpec(ITestOutputHelper output) : TestKit.TestKit(output, useVirtualTime: true)
{
    private sealed class Quiet : INotInfluenceReceiveTimeout;

    private sealed class Idler : ReceiveActor
    {
        public Idler(IActorRef report)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ => report.Tell("timeout"));
            Receive<string>(s => s == "off", _ =>
            {
                Context.SetReceiveTimeout(null);
                Sender.Tell("ok");
            });
            Receive<Quiet>(_ => Sender.Tell("quiet"));
            ReceiveAny(m => Sender.Tell(m));
        }
    }

    private IActorRef StartIdler()
    {
        var a = Sys.ActorOf(Props.Create(() => new Idler(TestActor)));
        a.Tell("hello");
        ExpectMsg("hello"); // the actor is running and its timeout is armed at virtual time 0
        return a;
    }

    [Fact]
    public void ReceiveTimeout_is_delivered_after_inactivity_and_repeats()
    {
        StartIdler();
        Advance(TimeSpan.FromMilliseconds(999));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("timeout");
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("timeout");
    }

    [Fact]
    public void Every_ordinary_message_resets_the_timeout()
    {
        var a = StartIdler();
        Advance(TimeSpan.FromMilliseconds(800));
        a.Tell("poke");
        ExpectMsg("poke");
        Advance(TimeSpan.FromMilliseconds(800));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Advance(TimeSpan.FromMilliseconds(200));
        ExpectMsg("timeout");
    }

    [Fact]
    public void NotInfluenceReceiveTimeout_messages_do_not_reset_it()
    {
        var a = StartIdler();
        Advance(TimeSpan.FromMilliseconds(800));
        a.Tell(new Quiet());
        ExpectMsg("quiet");
        Advance(TimeSpan.FromMilliseconds(200));
        ExpectMsg("timeout");
    }

    [Fact]
    public void Setting_it_to_null_turns_it_off()
    {
        var a = StartIdler();
        a.Tell("off");
        ExpectMsg("ok");
        Advance(TimeSpan.FromSeconds(10));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }
}
