using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class BackoffSupervisorSpec(ITestOutputHelper output) : TestKit.TestKit(output, useVirtualTime: true)
{
    private sealed class Flaky : ReceiveActor
    {
        public Flaky(IActorRef report)
        {
            report.Tell("started");
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("flaky"));
            Receive<string>(s => s == "stop", _ => Context.Stop(Self));
            Receive<string>(s => Sender.Tell($"echo:{s}"));
        }
    }

    private IActorRef NewSupervisor(BackoffOptions? options = null)
    {
        options ??= BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(TestActor)), "flaky",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), randomFactor: 0);
        var sup = Sys.ActorOf(BackoffSupervisor.Props(options), "backoff");
        ExpectMsg("started");
        return sup;
    }

    private int RestartCount(IActorRef sup) => sup.Ask<BackoffSupervisor.RestartCount>(BackoffSupervisor.GetRestartCount.Instance, TimeSpan.FromSeconds(3)).Result.Count;

    private void FailAndWaitForSchedule(IActorRef sup, int expectedCount)
    {
        sup.Tell("fail");
        AwaitAssert(() => Assert.Equal(expectedCount, RestartCount(sup)));
    }

    [Fact]
    public void Forwards_messages_to_the_child_keeping_the_sender()
    {
        var sup = NewSupervisor();
        sup.Tell("hi");
        ExpectMsg("echo:hi");
        var child = sup.Ask<BackoffSupervisor.CurrentChild>(BackoffSupervisor.GetCurrentChild.Instance, TimeSpan.FromSeconds(3)).Result.Ref;
        Assert.Equal("akka://test/user/backoff/flaky", child.Path.ToString());
        Assert.Equal(child, LastSender);
    }

    [Fact]
    public void Restarts_a_failing_child_after_exponentially_growing_delays()
    {
        var sup = NewSupervisor();
        var expected = new[] { 1, 2, 4, 8, 10, 10 };
        for (var i = 0; i < expected.Length; i++)
        {
            FailAndWaitForSchedule(sup, i + 1);
            var delay = TimeSpan.FromSeconds(expected[i]);
            Advance(delay - TimeSpan.FromMilliseconds(1));
            ExpectNoMsg(TimeSpan.FromMilliseconds(30));
            Advance(TimeSpan.FromMilliseconds(1));
            ExpectMsg("started");
        }
    }

    [Fact]
    public void The_restart_count_resets_after_the_child_ran_stably()
    {
        var sup = NewSupervisor();
        FailAndWaitForSchedule(sup, 1);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("started");
        FailAndWaitForSchedule(sup, 2);
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("started");
        Advance(TimeSpan.FromSeconds(1)); // ran for minBackoff without failing
        AwaitAssert(() => Assert.Equal(0, RestartCount(sup)));
        FailAndWaitForSchedule(sup, 1);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("started");
    }

    [Fact]
    public void OnFailure_supervisor_stops_when_the_child_stops_by_itself()
    {
        var sup = NewSupervisor();
        Watch(sup);
        sup.Tell("stop");
        ExpectTerminated(sup);
    }

    [Fact]
    public void OnStop_supervisor_restarts_a_child_that_stopped_by_itself()
    {
        var sup = NewSupervisor(BackoffOptions.CreateOnStop(Props.Create(() => new Flaky(TestActor)), "flaky",
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), randomFactor: 0));
        sup.Tell("stop");
        AwaitAssert(() => Assert.Equal(1, RestartCount(sup)));
        Advance(TimeSpan.FromSeconds(2));
        ExpectMsg("started");
    }

    [Fact]
    public void Gives_up_after_max_retries()
    {
        var sup = NewSupervisor(BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(TestActor)), "flaky",
            TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), randomFactor: 0).WithMaxNrOfRetries(1));
        Watch(sup);
        FailAndWaitForSchedule(sup, 1);
        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("started");
        sup.Tell("fail");
        ExpectTerminated(sup);
    }

    [Fact]
    public void Delay_calculation_caps_at_max_and_applies_the_random_factor()
    {
        var o = BackoffOptions.CreateOnFailure(Props.Create(() => new Flaky(TestActor)), "x", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), 0.5);
        for (var n = 0; n < 40; n++)
        {
            var d = o.CalculateDelay(n);
            var baseDelay = Math.Min(5, Math.Pow(2, Math.Min(n, 30)));
            Assert.InRange(d.TotalSeconds, baseDelay, baseDelay * 1.5 + 1e-6);
        }
    }
}
