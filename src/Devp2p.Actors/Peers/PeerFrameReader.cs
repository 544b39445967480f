using Devp2p.Kernel;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

/// <summary>
/// The read loop of a running peer: reads frames on its own task and tells the PeerActor one
/// <see cref="FrameReceived"/> per message (payload copied out of the connection's buffer).
/// At most <see cref="Window"/> frames are in the actor's mailbox at once — the actor calls
/// <see cref="Release"/> after each — so a fast remote cannot grow our memory without bound.
/// Ends with one <see cref="ReadFailed"/>, unless cancelled (the actor is closing and no longer cares).
/// </summary>
internal sealed class PeerFrameReader
{
    /// <summary>Frames in flight between the socket and the actor.</summary>
    public const int Window = 16;

    private readonly RlpxConnection _connection;
    private readonly IActorRef _peer;
    private readonly SemaphoreSlim _window = new(Window, Window);
    private readonly CancellationToken _cancellation;

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
                await _window.WaitAsync(_cancellation).ConfigureAwait(false);
                var message = await _connection.ReadMessageAsync(_cancellation).ConfigureAwait(false);
                _peer.Tell(new FrameReceived(message.Code, message.Payload.ToArray()), ActorRefs.NoSender);
            }
        }
        catch (Exception e)
        {
            if (!_cancellation.IsCancellationRequested)
                _peer.Tell(new ReadFailed(e), ActorRefs.NoSender);
        }
    }
}
