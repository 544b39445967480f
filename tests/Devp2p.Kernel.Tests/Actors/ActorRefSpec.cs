using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class ActorRefSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => Receive<string>(s => target.Forward(s));
    }

    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<(string Cmd, string Name)>(c => c.Cmd == "create", c => Sender.Tell(Context.ActorOf(Props.Create<Echo>(), c.Name)));
            Receive<(string Cmd, string Name)>(c => c.Cmd == "child", c => Sender.Tell(Context.Child(c.Name)));
            Receive<string>(s => s == "children", _ => Sender.Tell(Context.GetChildren().Select(c => c.Path.Name).OrderBy(n => n).ToArray()));
            Receive<string>(s => s == "anon", _ => Sender.Tell(Context.ActorOf(Props.Create<Echo>())));
            Receive<string>(s => s == "dup", _ =>
            {
                Context.ActorOf(Props.Create<Echo>(), "same");
                try
                {
                    Context.ActorOf(Props.Create<Echo>(), "same");
                }
                catch (InvalidActorNameException e)
                {
                    Sender.Tell(e.Message);
                }
            });
        }
    }

    [Fact]
    public void Tell_from_test_uses_TestActor_as_implicit_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        echo.Tell("hello");
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Path_has_akka_scheme_system_and_user_guardian()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>(), "echo");
        Assert.Equal("akka://test/user/echo", echo.Path.ToString());
        Assert.Equal(new[] { "user", "echo" }, echo.Path.Elements);
        Assert.Equal("echo", echo.Path.Name);
    }

    [Fact]
    public void Refs_are_equal_by_path_and_uid_not_by_name_alone()
    {
        var first = Sys.ActorOf(Props.Create<Echo>(), "a");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        // As in Akka, the name is free once the parent (here the user guardian) has handled the child's
        // termination, which may come just after the watcher's Terminated.
        IActorRef? second = null;
        AwaitAssert(() => second = Sys.ActorOf(Props.Create<Echo>(), "a"));
        Assert.NotNull(second);
        Assert.Equal(first.Path, second.Path);
        Assert.NotEqual(first, second);
        Assert.Equal(second, second);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create<Echo>());
        var fwd = Sys.ActorOf(Props.Create(() => new Forwarder(echo)));
        fwd.Tell("via");
        ExpectMsg("via");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Children_are_created_looked_up_and_listed()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell(("create", "x"));
        var x = ExpectMsg<IActorRef>();
        Assert.Equal("akka://test/user/parent/x", x.Path.ToString());
        parent.Tell(("create", "y"));
        ExpectMsg<IActorRef>();
        parent.Tell(("child", "x"));
        Assert.Equal(x, ExpectMsg<IActorRef>());
        parent.Tell(("child", "nope"));
        Assert.True(ExpectMsg<IActorRef>().IsNobody());
        parent.Tell("children");
        Assert.Equal(new[] { "x", "y" }, ExpectMsg<string[]>());
        parent.Tell("anon");
        Assert.StartsWith("$", ExpectMsg<IActorRef>().Path.Name);
    }

    [Fact]
    public void Duplicate_and_illegal_names_are_rejected()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>());
        parent.Tell("dup");

        ExpectMsg<string>(s => s.Contains("not unique"));
        Sys.ActorOf(Props.Create<Echo>(), "top");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "top"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "$x"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<Echo>(), ""));
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        Assert.Throws<ActorInitializationException>(() => new Echo());
    }

    [Fact]
    public void Sender_is_DeadLetters_when_told_without_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create<Echo>());
        EventFilter.DeadLetter<string>().ExpectOne(() => echo.Tell("nobody", ActorRefs.NoSender));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Context_outside_a_handler_throws()
    {
        var captured = new TaskCompletionSource<Exception>();
        var actor = Sys.ActorOf(Props.Create(() => new ContextInTask(captured)));
        actor.Tell("go");
        Assert.IsType<NotSupportedActorContextException>(captured.Task.Result);
    }

    private sealed class ContextInTask : ReceiveActor
    {
        public ContextInTask(TaskCompletionSource<Exception> captured) => Receive<string>(_ => Task.Run(() =>
        {
            try
            {
                GC.KeepAlive(Context.Self);
            }
            catch (Exception e)
            {
                captured.SetResult(e);
            }
        }));
    }
}
