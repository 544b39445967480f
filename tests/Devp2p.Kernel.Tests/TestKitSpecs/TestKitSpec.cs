using Xunit.Abstractions;
using Xunit.Sdk;

namespace Devp2p.Kernel.Tests.TestKitSpecs;

public sealed class TestKitSpec(ITestOutputHelper output) : Kernel.TestKit.TestKit(output)
{
    [Fact]
    public void ExpectMsg_fails_on_timeout_and_on_mismatch()
    {
        Assert.Throws<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));
        TestActor.Tell(1);
        Assert.Throws<XunitException>(() => ExpectMsg("one", TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public void ExpectMsg_with_predicate_and_assertion()
    {
        TestActor.Tell("abc");
        TestActor.Tell("xyz");
        ExpectMsg<string>(s => s.StartsWith('a'));
        ExpectMsg<string>(s => Assert.Equal("xyz", s));
    }

    [Fact]
    public void ExpectMsgAllOf_accepts_any_order_and_rejects_strangers()
    {
        TestActor.Tell(3);
        TestActor.Tell(1);
        TestActor.Tell(2);
        ExpectMsgAllOf(1, 2, 3);
        TestActor.Tell(4);
        Assert.Throws<XunitException>(() => ExpectMsgAllOf(TimeSpan.FromMilliseconds(100), 5));
    }

    [Fact]
    public void FishForMessage_and_ReceiveN()
    {
        for (var i = 0; i < 5; i++) TestActor.Tell(i);
        Assert.Equal(3, FishForMessage(m => m is 3));
        Assert.Equal(new object[] { 4 }, ReceiveN(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public void ExpectMsgFrom_checks_the_sender()
    {
        var probe = CreateTestProbe();
        probe.Send(TestActor, "hi");
        ExpectMsgFrom(probe.Ref, "hi");
        probe.Send(TestActor, "again");
        Assert.Throws<XunitException>(() => ExpectMsgFrom(TestActor, "again"));
    }

    [Fact]
    public void Reply_goes_to_the_last_sender()
    {
        var probe = CreateTestProbe();
        probe.Send(TestActor, "question");
        ExpectMsg("question");
        Reply("answer");
        probe.ExpectMsgFrom(TestActor, "answer");
    }

    [Fact]
    public void Within_bounds_the_block_and_the_expectations_inside()
    {
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(100), () => ExpectMsg<string>()));
        Assert.Throws<XunitException>(() => Within(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(1), () => { }));
        Within(TimeSpan.FromSeconds(1), () => TestActor.Tell("fast"));
        ExpectMsg("fast");
    }

    [Fact]
    public void AwaitCondition_and_AwaitAssert_poll_until_true()
    {
        var start = DateTime.UtcNow;
        AwaitCondition(() => DateTime.UtcNow - start > TimeSpan.FromMilliseconds(30));
        AwaitAssert(() => Assert.True(DateTime.UtcNow - start > TimeSpan.FromMilliseconds(60)));
        Assert.Throws<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(30)));
        Assert.Throws<TrueException>(() => AwaitAssert(() => Assert.True(false), TimeSpan.FromMilliseconds(30)));
    }

    [Fact]
    public void EventFilter_fails_when_the_count_differs()
    {
        Assert.Throws<XunitException>(() => EventFilter.DeadLetter<string>().ExpectOne(() => { }, TimeSpan.FromMilliseconds(50)));
        Assert.Throws<XunitException>(() => EventFilter.DeadLetter<string>().ExpectOne(() =>
        {
            Sys.DeadLetters.Tell("a");
            Sys.DeadLetters.Tell("b");
        }));
    }

    [Fact]
    public void Advance_needs_virtual_time()
    {
        Assert.Null(VirtualScheduler);
        Assert.Throws<InvalidOperationException>(() => Advance(TimeSpan.FromSeconds(1)));
    }
}
