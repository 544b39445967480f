using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.Event;

namespace Devp2p.Actors.Listener;

/// <summary>
/// Accepts inbound TCP connections for the server (geth's listenLoop). Binds in PreStart and reports
/// the real address (<see cref="ListenerBound"/>). An accept loop (a task this actor owns) takes socket
/// after socket and hands each one straight to the server — no turn of this actor per connection, so a
/// burst is accepted back to back instead of one per round trip through the mailbox. It reserves a
/// pending slot before each accept and stops while MaxPendingPeers inbound connections are in their
/// handshakes, so a flood waits in the kernel's backlog instead of in memory; the actor restarts it as
/// slots free up. Each socket passes the <see cref="InboundGate"/> (NetRestrict, per-IP throttle) or is
/// closed at once. At most one loop runs at a time, so the gate has one user at a time.
/// </summary>
public sealed class ListenerActor : ReceiveActor, IWithTimers
{
    private readonly ServerSettings _settings;
    private readonly IActorRef _server;
    private readonly InboundGate _gate;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private bool _looping;
    // Reserved by the loop before each accept, released by the actor on InboundSlotFreed (or by the loop for a refused socket).
    private int _pending;

    /// <summary>After a transient accept error (out of file descriptors, a reset), accepting resumes after this pause (geth: 1 s).</summary>
    public static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromSeconds(1);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ServerSettings settings, IActorRef server) =>
        Kernel.Props.Create(() => new ListenerActor(settings, server));

    private ListenerActor(ServerSettings settings, IActorRef server)
    {
        _settings = settings;
        _log = Context.GetLogger().ForNode(settings.PrivateKey);
        _server = server;
        var system = Context.System;
        _gate = new InboundGate(settings.NetRestrict, settings.InboundThrottle, () => system.Scheduler.MonotonicClock);

        Receive<AcceptLoopEnded>(OnAcceptLoopEnded);
        Receive<RetryAccept>(_ => StartAccepting());
        Receive<InboundSlotFreed>(_ =>
        {
            if (Volatile.Read(ref _pending) > 0) Interlocked.Decrement(ref _pending);
            StartAccepting();
        });
    }

    /// <summary>geth: a MaxPendingPeers of zero or less means the default, 50.</summary>
    private int MaxPending => _settings.MaxPendingPeers > 0 ? _settings.MaxPendingPeers : 50;

    protected override void PreStart()
    {
        var endPoint = _settings.ListenEndPoint ?? throw new InvalidOperationException("ListenerActor needs settings.ListenEndPoint");
        var listener = new TcpListener(endPoint);
        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            listener.Server.DualMode = true;
        listener.Start();
        _listener = listener;
        var bound = (IPEndPoint)listener.LocalEndpoint;
        _log.Info("Listening for RLPx on {EndPoint}", bound);
        _server.Tell(new ListenerBound(bound), Self);
        StartAccepting();
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _listener?.Stop();
        _listener?.Dispose();
        _stop.Dispose();
    }

    private void StartAccepting()
    {
        if (_looping || _listener is null || _stop.IsCancellationRequested || Timers.IsTimerActive(RetryAccept.Instance)
            || Volatile.Read(ref _pending) >= MaxPending) return;
        _looping = true;
        var (listener, self, token) = (_listener, Self, _stop.Token);
        _ = Task.Run(async () =>
        {
            var error = await AcceptLoopAsync(listener, self, token).ConfigureAwait(false);
            self.Tell(new AcceptLoopEnded(error), self);
        }, CancellationToken.None);
    }

    /// <summary>Accepts until the pending slots are all taken (null), or an accept fails (the error).</summary>
    private async Task<Exception?> AcceptLoopAsync(TcpListener listener, IActorRef self, CancellationToken token)
    {
        while (TryReserveSlot())
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Interlocked.Decrement(ref _pending);
                return e;
            }
            if (token.IsCancellationRequested)
            {
                socket.Dispose(); // stopped meanwhile: nobody to hand it to
                return null;
            }
            if (!HandOn(socket, self))
                Interlocked.Decrement(ref _pending);
        }
        return null;
    }

    private bool TryReserveSlot()
    {
        int max = MaxPending;
        while (true)
        {
            int pending = Volatile.Read(ref _pending);
            if (pending >= max) return false;
            if (Interlocked.CompareExchange(ref _pending, pending + 1, pending) == pending) return true;
        }
    }

    /// <summary>Gate, then the server; false when the socket was refused or failed (its slot is free again).</summary>
    private bool HandOn(Socket socket, IActorRef self)
    {
        try
        {
            var remote = socket.RemoteEndPoint as IPEndPoint;
            var refusal = remote is null ? InboundRefusal.None : _gate.Check(remote.Address);
            if (refusal != InboundRefusal.None)
            {
                _log.Debug("Refused inbound connection from {RemoteEndPoint}: {Reason}", remote, refusal);
                socket.Dispose();
                return false;
            }
            socket.NoDelay = true;
            var local = socket.LocalEndPoint as IPEndPoint;
            var stream = new NetworkStream(socket, ownsSocket: true);
            _server.Tell(new InboundConnection(new PeerSetup(stream, Inbound: true, remote, local, null)), self);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // Reset between accept and here: nothing to hand on.
            _log.Debug("Accepted socket failed at once: {Error}", e.Message);
            socket.Dispose();
            return false;
        }
    }

    private void OnAcceptLoopEnded(AcceptLoopEnded ended)
    {
        _looping = false;
        if (_stop.IsCancellationRequested) return;
        if (ended.Error is null)
        {
            StartAccepting(); // slots freed while the loop was winding down
            return;
        }
        // A socket error on one accept (a reset, out of descriptors) is transient: pause, then go on, as geth does.
        // Anything else means the listener is gone: fail, and the backoff supervisor binds again.
        if (ended.Error is SocketException socketError)
        {
            _log.Warning("Accept failed ({Error}); retrying in {Delay}", socketError.SocketErrorCode, AcceptRetryDelay);
            Timers.StartSingleTimer(RetryAccept.Instance, RetryAccept.Instance, AcceptRetryDelay);
            return;
        }
        throw new InvalidOperationException("the TCP listener failed", ended.Error);
    }

    /// <summary>The accept loop stopped: all pending slots taken (no error), or an accept failed.</summary>
    private sealed record AcceptLoopEnded(Exception? Error) : IDeadLetterSuppression;

    private sealed record RetryAccept
    {
        public static RetryAccept Instance { get; } = new();
    }
}
