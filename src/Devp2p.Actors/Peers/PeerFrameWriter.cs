using System.Buffers;
using System.Threading.Channels;
using Devp2p.Kernel;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

/// <summary>
/// The single writer of a running peer: a bounded queue (<see cref="ServerSettings.WriteQueueCapacity"/>)
/// filled by the PeerActor and its protocol actors' <see cref="ProtocolOutlet"/>s and drained by one task, so protocol actors never block and the frames leave in the order they were
/// queued. Whatever is queued when the writer wakes leaves in one socket write (at most
/// <see cref="MaxBatchMessages"/> messages or about <see cref="MaxBatchBytes"/>). A full queue is refused (<see cref="TryEnqueue"/> returns false) and the actor drops the
/// peer. The start of the frame being written is kept in the scheduler's clock so the actor's
/// watchdog timer can spot a write stuck longer than the write timeout, in virtual time too.
/// Ends with one <see cref="WriteFailed"/> on error, unless cancelled or finishing.
/// </summary>
internal sealed class PeerFrameWriter
{
    private const long Idle = long.MinValue;

    /// <summary>Most messages coalesced into one socket write.</summary>
    internal const int MaxBatchMessages = 64;

    /// <summary>A batch stops growing once its payloads reach this many bytes (one message may exceed it alone).</summary>
    internal const int MaxBatchBytes = 256 * 1024;

    private readonly RlpxConnection _connection;
    private readonly IActorRef _peer;
    private readonly IScheduler _clock;
    private readonly CancellationToken _cancellation;
    private readonly Channel<(ulong Code, ReadOnlyMemory<byte> Payload)> _queue;
    private long _writeStartedTicks = Idle;
    private volatile bool _finishing;
    private Task _loop = Task.CompletedTask;
    private CancellationTokenRegistration _cancelled;

    public PeerFrameWriter(RlpxConnection connection, IActorRef peer, IScheduler clock, int capacity, CancellationToken cancellation)
    {
        _connection = connection;
        _peer = peer;
        _clock = clock;
        _cancellation = cancellation;
        _queue = Channel.CreateBounded<(ulong, ReadOnlyMemory<byte>)>(new BoundedChannelOptions(Math.Max(1, capacity))
        {
            SingleReader = true,
            SingleWriter = false, // the PeerActor and its protocol actors' outlets
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The loop task; never faults.</summary>
    public Task Completion => _loop;

    /// <summary>
    /// Starts the loop on the thread pool. The loop waits for messages without a token, so the channel reuses
    /// one waiter (a cancellable wait allocates one per wake-up: with many peers a fifth of all allocation);
    /// cancellation completes the queue instead, which ends the wait.
    /// </summary>
    public void Start()
    {
        _cancelled = _cancellation.Register(static writer => ((PeerFrameWriter)writer!)._queue.Writer.TryComplete(), this);
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>Queues one message (wire code); false when the queue is full or closed.</summary>
    public bool TryEnqueue(ulong wireCode, ReadOnlyMemory<byte> payload) => _queue.Writer.TryWrite((wireCode, payload));

    /// <summary>Closing: the queue takes nothing more and what is in it is dropped.</summary>
    public bool IsFinishing => _finishing;

    /// <summary>When the frame being written started (scheduler monotonic clock), or null when idle.</summary>
    public TimeSpan? WriteInProgressSince
    {
        get
        {
            long ticks = Volatile.Read(ref _writeStartedTicks);
            return ticks == Idle ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>
    /// Drops what is still queued, lets the frame in progress finish, then writes this one last
    /// message (our Disconnect). Never faults; the caller bounds it with its grace timer and cancellation.
    /// </summary>
    public async Task FinishWithAsync(ulong wireCode, ReadOnlyMemory<byte> payload, CancellationToken cancellation)
    {
        _finishing = true;
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellation).ConfigureAwait(false);
            await _connection.WriteMessageAsync(wireCode, payload, cancellation).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The socket is going away either way.
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                // Rented per wake-up, not held: an idle peer keeps no batch array.
                var batch = ArrayPool<OutgoingMessage>.Shared.Rent(MaxBatchMessages);
                try
                {
                    await DrainAsync(reader, batch).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<OutgoingMessage>.Shared.Return(batch, clearArray: true); // do not keep payloads alive
                }
                if (_finishing)
                    return;
            }
        }
        catch (Exception e)
        {
            Volatile.Write(ref _writeStartedTicks, Idle);
            if (!_cancellation.IsCancellationRequested && !_finishing)
                _peer.Tell(new WriteFailed(e), ActorRefs.NoSender);
        }
        finally
        {
            _cancelled.Dispose();
        }
    }

    /// <summary>Writes what is queued, a batch per socket write, until the queue is empty (or closing).</summary>
    private async Task DrainAsync(ChannelReader<(ulong Code, ReadOnlyMemory<byte> Payload)> reader, OutgoingMessage[] batch)
    {
        while (!_finishing)
        {
            int count = 0;
            long bytes = 0;
            while (count < MaxBatchMessages && bytes < MaxBatchBytes && reader.TryRead(out var frame))
            {
                batch[count++] = new OutgoingMessage(frame.Code, frame.Payload);
                bytes += frame.Payload.Length;
            }
            if (count == 0)
                return;
            Volatile.Write(ref _writeStartedTicks, _clock.MonotonicClock.Ticks);
            await _connection.WriteMessagesAsync(batch.AsMemory(0, count), _cancellation).ConfigureAwait(false);
            Volatile.Write(ref _writeStartedTicks, Idle);
            Array.Clear(batch, 0, count); // do not keep payloads alive
        }
    }
}
