using System.Threading.Channels;
using Devp2p.Actors.Events;
using Devp2p.Kernel;

namespace Devp2p.Hosting;

/// <summary>
/// One reader's view of the node's peer events: subscribed on the EventStream when created, so no event
/// published after <see cref="IDevp2pNode.SubscribeEvents"/> returns is missed. The buffer is bounded; when
/// the reader falls behind the oldest events are dropped and counted (<see cref="Dropped"/>), so a slow
/// reader never holds the node's memory. Ends when disposed or when the node stops.
/// </summary>
public sealed class PeerEventSubscription : IAsyncDisposable
{
    private readonly Channel<PeerEvent> _channel;
    private readonly Action<PeerEventSubscription> _onComplete;
    private ActorSystem? _system;
    private IActorRef? _forwarder;
    private long _dropped;
    private int _completed;

    internal PeerEventSubscription(int capacity, Action<long> onDropped, Action<PeerEventSubscription> onComplete)
    {
        _onComplete = onComplete;
        _channel = Channel.CreateBounded<PeerEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            _ => onDropped(Interlocked.Increment(ref _dropped)));
    }

    /// <summary>Starts forwarding from <paramref name="system"/>'s EventStream; a system that is shutting down ends the subscription instead.</summary>
    internal void Attach(ActorSystem system)
    {
        try
        {
            _forwarder = system.ActorOf(Props.Create(() => new Forwarder(_channel.Writer)));
            _system = system;
            system.EventStream.Subscribe(_forwarder, typeof(PeerEvent));
        }
        catch (InvalidOperationException)
        {
            Complete();
        }
    }

    /// <summary>Events dropped from this subscription's buffer because the reader fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The events in publication order, until the subscription or the node ends.</summary>
    public IAsyncEnumerable<PeerEvent> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _channel.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Stops the subscription; a reader in <see cref="ReadAllAsync"/> finishes after the buffered events.</summary>
    public ValueTask DisposeAsync()
    {
        Complete();
        return ValueTask.CompletedTask;
    }

    internal void Complete()
    {
        if (Interlocked.Exchange(ref _completed, 1) == 1)
            return;
        if (_system is not null && _forwarder is not null)
        {
            _system.EventStream.Unsubscribe(_forwarder);
            _system.Stop(_forwarder);
        }
        _channel.Writer.TryComplete();
        _onComplete(this);
    }

    /// <summary>Copies events from the EventStream into the channel; never blocks (the channel drops the oldest).</summary>
    private sealed class Forwarder : ReceiveActor
    {
        private readonly ChannelWriter<PeerEvent> _writer;

        public Forwarder(ChannelWriter<PeerEvent> writer)
        {
            _writer = writer;
            Receive<PeerEvent>(e => _writer.TryWrite(e));
        }

        protected override void PostStop() => _writer.TryComplete();
    }
}
