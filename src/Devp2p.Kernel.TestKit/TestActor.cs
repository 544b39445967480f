using System.Collections.Concurrent;

namespace Devp2p.Kernel.TestKit;

/// <summary>A received message and who sent it.</summary>
public sealed record MessageEnvelope(object Message, IActorRef Sender);

/// <summary>The actor behind a TestKit or TestProbe: it queues everything it receives (including Terminated) for the test thread.</summary>
internal sealed class TestActor(BlockingCollection<MessageEnvelope> queue) : ActorBase
{
    public sealed record WatchCommand(IActorRef Actor);
    public sealed record UnwatchCommand(IActorRef Actor);

    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchCommand w:
                Context.Watch(w.Actor);
                break;
            case UnwatchCommand u:
                Context.Unwatch(u.Actor);
                break;
            default:
                queue.Add(new MessageEnvelope(message, Sender));
                break;
        }
        return true;
    }
}
