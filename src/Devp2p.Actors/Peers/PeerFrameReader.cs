using Devp2p.Kernel;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

/// <summary>
/// The read loop of a running peer: reads frames on its own task and tells the PeerActor about them,
/// payloads copied out of the connection's buffer. Frames that were already buffered (their read completes
/// without waiting on the socket — one socket read often carries a whole coalesced burst) travel together
/// as one <see cref="FrameBatch"/>, so a burst costs the actor one mailbox hand-off, not one per frame; a
/// lone frame goes as <see cref="FrameReceived"/>. At most <see cref="Window"/> frames are in the actor's
/// mailbox at once — the actor calls <see cref="Release"/> after each — so a fast remote cannot grow our
/// memory without bound. Ends with one <see cref="ReadFailed"/> (after the frames read before the error),
/// unless cancelled (the actor is closing and no longer cares).
/// </summary>
internal sealed class PeerFrameReader
{
    /// <summary>Frames in flight between the socket and the actor, and so the largest batch.</summary>
    public const int Window = 16;

    private readonly RlpxConnection _connection;
    private readonly IActorRef _peer;
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly CancellationToken _cancellation;
    private readonly List<FrameReceived> _batch = []; // grows on the first burst: an idle peer holds no room for 16

    public PeerFrameReader(RlpxConnection connection, IActorRef peer, CancellationToken cancellation)
    {
        _connection = connection;
        _peer = peer;
        _cancellation = cancellation;
    }

    /// <summary>Starts the loop on the thread pool; the returned task never faults.</summary>
    public Task Start() => Task.Run(RunAsync, CancellationToken.None);

    /// <summary>The actor has handled one frame.</summary>
    public void Release() => _window.Release();

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                // Before any wait (for window room or for the socket), hand over what has been collected:
                // the actor must see it to make room, and nothing more is coming without waiting anyway.
                var room = _window.WaitAsync(_cancellation);
                if (!room.IsCompleted)
                    Flush();
                await room.ConfigureAwait(false);
                var read = _connection.ReadMessageAsync(_cancellation);
                if (!read.IsCompleted)
                    Flush();
                var message = await read.ConfigureAwait(false);
                _batch.Add(new FrameReceived(message.Code, message.Payload.ToArray()));
                if (_batch.Count >= Window)
                    Flush();
            }
        }
        catch (Exception e)
        {
            if (!_cancellation.IsCancellationRequested)
            {
                Flush();
                _peer.Tell(new ReadFailed(e), ActorRefs.NoSender);
            }
        }
    }

    private void Flush()
    {
        switch (_batch.Count)
        {
            case 0:
                return;
            case 1:
                _peer.Tell(_batch[0], ActorRefs.NoSender);
                break;
            default:
                _peer.Tell(new FrameBatch([.. _batch]), ActorRefs.NoSender);
                break;
        }
        _batch.Clear();
    }
}
