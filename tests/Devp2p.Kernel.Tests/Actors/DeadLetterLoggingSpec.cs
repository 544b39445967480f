using Devp2p.Kernel.Event;
using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class DeadLetterLoggingSpec(ITestOutputHelper output) : TestKit.TestKit(
    TestKitSettings.Default with { SystemSettings = TestKitSettings.Default.SystemSettings with { DeadLetterLogLimit = 3 } }, output)
{
    [Fact]
    public void Dead_letters_are_all_published_but_logging_is_rate_limited()
    {
        var counter = CreateTestProbe();
        Sys.EventStream.Subscribe(counter.Ref, typeof(DeadLetter));
        EventFilter.Info("was not delivered").Expect(3, () =>
        {
            for (var i = 0; i < 10; i++) Sys.DeadLetters.Tell(i);
            counter.ReceiveN(10);
        });
    }

    [Fact]
    public void Suppressed_messages_are_neither_published_nor_logged()
    {
        EventFilter.DeadLetter().Expect(0, () => Sys.DeadLetters.Tell(PoisonPill.Instance));
    }
}
