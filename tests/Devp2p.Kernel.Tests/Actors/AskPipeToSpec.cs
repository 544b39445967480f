using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class AskPipeToSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed class Replier : ReceiveActor
    {
        public Replier()
        {
            Receive<string>(s => s == "fail", _ => Sender.Tell(new Status.Failure(new InvalidOperationException("nope"))));
            Receive<string>(s => s == "silent", _ => { });
            Receive<string>(s => Sender.Tell(s.ToUpperInvariant()));
            Receive<int>(i => Sender.Tell(i * 2));
        }
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        Assert.Equal("HI", await a.Ask<string>("hi", TimeSpan.FromSeconds(3)));
        Assert.Equal(42, await a.Ask<int>(21, TimeSpan.FromSeconds(3)));
        Assert.Equal("X", await a.Ask("x", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_times_out_with_AskTimeoutException()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => a.Ask<string>("silent", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Ask_is_faulted_by_a_Status_Failure_reply()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => a.Ask<string>("fail", TimeSpan.FromSeconds(3)));
        Assert.Equal("nope", e.Message);
    }

    [Fact]
    public async Task Ask_with_a_reply_of_the_wrong_type_fails_clearly()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        var e = await Assert.ThrowsAsync<InvalidCastException>(() => a.Ask<int>("text", TimeSpan.FromSeconds(3)));
        Assert.Contains("Int32", e.Message);
        Assert.Contains("String", e.Message);
    }

    [Fact]
    public async Task Ask_can_be_cancelled()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        using var cts = new CancellationTokenSource();
        var task = a.Ask<string>("silent", null, cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task Ask_of_a_dead_actor_times_out_and_the_question_is_a_dead_letter()
    {
        var a = Sys.ActorOf(Props.Create<Replier>());
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        Task<string>? task = null;
        EventFilter.DeadLetter<string>().ExpectOne(() => { task = a.Ask<string>("anyone?", TimeSpan.FromMilliseconds(100)); });
        await Assert.ThrowsAsync<AskTimeoutException>(() => task!);
    }

    private sealed class Piper : ReceiveActor
    {
        public Piper(IActorRef report)
        {
            Receive<Task<int>>(t => t.PipeTo(Self, Self));
            Receive<(Task<int> Task, bool Mapped)>(m => m.Task.PipeTo(Self, Self, success: i => $"ok:{i}", failure: e => $"err:{e.Message}"));
            Receive<int>(i => report.Tell(i));
            Receive<string>(s => report.Tell(s));
            Receive<Status.Failure>(f => report.Tell(f));
        }
    }

    [Fact]
    public void PipeTo_delivers_the_result_and_Status_Failure_on_fault()
    {
        var p = Sys.ActorOf(Props.Create(() => new Piper(TestActor)));
        var tcs = new TaskCompletionSource<int>();
        p.Tell(tcs.Task);
        tcs.SetResult(7);
        ExpectMsg(7);

        var failing = new TaskCompletionSource<int>();
        p.Tell(failing.Task);
        failing.SetException(new InvalidOperationException("bad"));
        var f = ExpectMsg<Status.Failure>();
        Assert.IsType<InvalidOperationException>(f.Cause);
        Assert.Equal("bad", f.Cause.Message);
    }

    [Fact]
    public void PipeTo_maps_success_and_failure()
    {
        var p = Sys.ActorOf(Props.Create(() => new Piper(TestActor)));
        p.Tell((Task.FromResult(3), true));
        ExpectMsg("ok:3");
        p.Tell((Task.FromException<int>(new InvalidOperationException("x")), true));
        ExpectMsg("err:x");
    }

    [Fact]
    public void PipeTo_of_a_plain_task_sends_Status_Success()
    {
        Task.CompletedTask.PipeTo(TestActor);
        ExpectMsg<Status.Success>();
    }
}
