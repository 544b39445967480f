using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

// Stage 6: closing. Every path of every stage goes through Close, once.
public sealed partial class PeerActor
{
    /// <summary>Bounds the wait for the I/O tasks before the connection's buffers are returned.</summary>
    private static readonly TimeSpan CleanupBound = TimeSpan.FromSeconds(5);

    private void Close(PeerCloseCause cause)
    {
        if (_closeCause is not null)
            return;
        _closeCause = cause;
        _log.Debug("closing {Peer}: {Reason} ({Detail})", Who, cause.Reason.Describe(), cause.Detail);
        RecordClose(cause);
        Timers.CancelAll();
        _readCancellation.Cancel();
        Become(ClosingHandlers);
        if (_connection is not { } connection || !cause.ShouldSendDisconnect)
        {
            Finish();
            return;
        }
        var payload = Disconnect.Encode(cause.Reason);
        var token = _writeCancellation.Token;
        var writer = _writer;
        var flush = writer is not null
            ? writer.FinishWithAsync(P2pMessageCodes.Disconnect, payload, token)
            : WriteDisconnectAsync(connection, payload, token);
        Track(flush);
        flush.PipeTo(Self, success: () => DisconnectFlushed.Instance, failure: _ => DisconnectFlushed.Instance);
        Timers.StartSingleTimer(PeerTimers.Grace, PeerTimers.GraceExpired.Instance, _settings.DisconnectGrace);
    }

    private static Task WriteDisconnectAsync(RlpxConnection connection, byte[] payload, CancellationToken token) => Task.Run(async () =>
    {
        try
        {
            await connection.WriteMessageAsync(P2pMessageCodes.Disconnect, payload, token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The socket is going away either way.
        }
    }, CancellationToken.None);

    private void ClosingHandlers()
    {
        Receive<DisconnectFlushed>(_ => Finish());
        Receive<PeerTimers.GraceExpired>(_ => Finish());
        Receive<EncHandshakeDone>(d => _ = d.Connection.DisposeAsync().AsTask());
        Receive<ToProtocol>(t => Sender.Tell(new Status.Failure(new InvalidOperationException($"peer {Who} is closing"))));
        ReceiveAny(_ => { });
    }

    private void Finish()
    {
        if (_finished)
            return;
        _finished = true;
        Timers.CancelAll();
        ReleaseResources();
        var cause = _closeCause!;
        Context.Parent.Tell(new PeerClosed(_remoteId, cause.Reason, cause.RemoteRequested, cause.Detail));
        Context.Stop(Self);
    }

    /// <summary>
    /// Closes the socket now (pending reads and writes fail at once), then — once the I/O tasks have
    /// ended — returns the connection's pooled buffers. Idempotent; PostStop calls it too.
    /// </summary>
    private void ReleaseResources()
    {
        if (_released)
            return;
        _released = true;
        _readCancellation.Cancel();
        _writeCancellation.Cancel();
        try
        {
            _setup.Stream.Dispose();
        }
        catch (Exception e)
        {
            _log.Debug("disposing the stream of {Peer}: {Error}", Who, e.Message);
        }
        _ = DisposeWhenIdleAsync(_connection, [.. _ioTasks], _readCancellation, _writeCancellation);
    }

    private static async Task DisposeWhenIdleAsync(RlpxConnection? connection, Task[] tasks, CancellationTokenSource read, CancellationTokenSource write)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(CleanupBound).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return; // a task still holds the buffers: leave them to the GC rather than return them in use
        }
        catch (Exception)
        {
            // the tasks' own failures are already reported or irrelevant now
        }
        if (connection is not null)
            await connection.DisposeAsync().ConfigureAwait(false);
        read.Dispose();
        write.Dispose();
    }
}
