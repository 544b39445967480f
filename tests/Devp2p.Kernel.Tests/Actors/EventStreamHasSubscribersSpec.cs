using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

/// <summary>EventStream.HasSubscribers: the check hot paths use to skip publishing what nobody hears.</summary>
public sealed class EventStreamHasSubscribersSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private interface IReplyEvent;
    private abstract record ReplyBase : IReplyEvent;
    private sealed record Answer : ReplyBase;
    private sealed record Other;

    [Fact]
    public void Nobody_subscribed_means_no_subscribers()
    {
        Assert.False(Sys.EventStream.HasSubscribers<Answer>());
        Assert.False(Sys.EventStream.HasSubscribers(typeof(Other)));
    }

    [Theory]
    [InlineData(typeof(Answer))]
    [InlineData(typeof(ReplyBase))]
    [InlineData(typeof(IReplyEvent))]
    [InlineData(typeof(object))]
    public void A_subscription_to_the_type_a_base_or_an_interface_counts(Type channel)
    {
        Assert.False(Sys.EventStream.HasSubscribers<Answer>()); // also fills the cache, which the subscription must reset
        Sys.EventStream.Subscribe(TestActor, channel);
        Assert.True(Sys.EventStream.HasSubscribers<Answer>());
        Assert.Equal(channel == typeof(object), Sys.EventStream.HasSubscribers<Other>());
    }

    [Fact]
    public void Unsubscribing_or_stopping_the_last_subscriber_ends_it()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<Answer>(TestActor);
        Sys.EventStream.Subscribe<IReplyEvent>(probe.Ref);
        Assert.True(Sys.EventStream.Unsubscribe(TestActor, typeof(Answer)));
        Assert.True(Sys.EventStream.HasSubscribers<Answer>());

        Watch(probe.Ref);
        Sys.Stop(probe.Ref);
        ExpectTerminated(probe.Ref);
        AwaitCondition(() => !Sys.EventStream.HasSubscribers<Answer>());
    }
}
