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
    private readonly IActorRef _forwarder;
    private readonly ActorSystem _system;
    private readonly Action<long> _onDropped;
    private long _dropped;

    internal PeerEventSubscription(ActorSystem system, int capacity, Action<long> onDropped)
    {
        _system = system;
        _onDropped = onDropped;
        _channel = Channel.CreateBounded<PeerEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false, SingleWriter = true },
            _ => _onDropped(Interlocked.Increment(ref _dropped)));
        _forwarder = system.ActorOf(Props.Create(() => new Forwarder(_channel.Writer)));
        system.EventStream.Subscribe(_forwarder, typeof(PeerEvent));
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
        _system.EventStream.Unsubscribe(_forwarder);
        _system.Stop(_forwarder);
        _channel.Writer.TryComplete();
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
