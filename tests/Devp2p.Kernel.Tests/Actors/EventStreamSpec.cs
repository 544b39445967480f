using Devp2p.Kernel.Event;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class EventStreamSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private interface IPeerEvent;
    private abstract record PeerEventBase(string Id) : IPeerEvent;
    private sealed record PeerAdded(string Id) : PeerEventBase(Id);
    private sealed record PeerDropped(string Id) : PeerEventBase(Id);
    private sealed record Unrelated;

    [Fact]
    public void Subscribers_get_events_of_the_type_its_subtypes_and_implementers()
    {
        var byBase = CreateTestProbe();
        var byInterface = CreateTestProbe();
        var byExact = CreateTestProbe();
        Sys.EventStream.Subscribe(byBase.Ref, typeof(PeerEventBase));
        Sys.EventStream.Subscribe(byInterface.Ref, typeof(IPeerEvent));
        Sys.EventStream.Subscribe<PeerDropped>(byExact.Ref);

        Sys.EventStream.Publish(new PeerAdded("a"));
        Sys.EventStream.Publish(new PeerDropped("b"));
        Sys.EventStream.Publish(new Unrelated());

        byBase.ExpectMsg(new PeerAdded("a"));
        byBase.ExpectMsg(new PeerDropped("b"));
        byInterface.ExpectMsg(new PeerAdded("a"));
        byInterface.ExpectMsg(new PeerDropped("b"));
        byExact.ExpectMsg(new PeerDropped("b"));
        byBase.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
        byExact.ExpectNoMsg(TimeSpan.FromMilliseconds(30));
    }

    [Fact]
    public void A_subscriber_matching_twice_gets_each_event_once()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(IPeerEvent));
        Sys.EventStream.Subscribe(TestActor, typeof(PeerAdded));
        Assert.False(Sys.EventStream.Subscribe(TestActor, typeof(PeerAdded)));
        Sys.EventStream.Publish(new PeerAdded("x"));
        ExpectMsg(new PeerAdded("x"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribe_by_type_and_entirely()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(PeerAdded));
        Sys.EventStream.Subscribe(TestActor, typeof(PeerDropped));
        Sys.EventStream.Publish(new PeerAdded("1")); // warm the cache
        ExpectMsg(new PeerAdded("1"));
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(PeerAdded)));
        Sys.EventStream.Publish(new PeerAdded("2"));
        Sys.EventStream.Publish(new PeerDropped("3"));
        ExpectMsg(new PeerDropped("3"));
        Sys.EventStream.Unsubscribe(TestActor);
        Sys.EventStream.Publish(new PeerDropped("4"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    private sealed class Subscriber : ReceiveActor
    {
        public Subscriber(IActorRef report)
        {
            Context.System.EventStream.Subscribe(Self, typeof(IPeerEvent));
            ReceiveAny(m => report.Tell(m));
        }
    }

    [Fact]
    public void Subscribers_are_removed_when_they_stop()
    {
        var s = Sys.ActorOf(Props.Create(() => new Subscriber(TestActor)));
        Sys.EventStream.Publish(new PeerAdded("before"));
        // The subscription is made in the constructor, asynchronously: retry until it is in place.
        AwaitAssert(() =>
        {
            Sys.EventStream.Publish(new PeerAdded("probe"));
            Assert.NotNull(ReceiveOne(TimeSpan.FromMilliseconds(50)));
        });
        Watch(s);
        Sys.Stop(s);
        FishForMessage(m => m is Terminated);
        EventFilter.DeadLetter().Expect(0, () => Sys.EventStream.Publish(new PeerAdded("after")));
    }

    [Fact]
    public void Dead_letters_are_published_with_sender_and_recipient()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(DeadLetter));
        var probe = CreateTestProbe();
        Sys.DeadLetters.Tell("lost", probe.Ref);
        var dl = ExpectMsg<DeadLetter>();
        Assert.Equal("lost", dl.Message);
        Assert.Equal(probe.Ref, dl.Sender);
        Assert.Equal(Sys.DeadLetters, dl.Recipient);
    }
}
