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
/// the real address (<see cref="ListenerBound"/>). Accepts one socket at a time on a task that reports
/// by message, and only while fewer than MaxPendingPeers inbound connections are in their handshakes,
/// so a flood waits in the kernel's backlog instead of in memory. Each socket passes the
/// <see cref="InboundGate"/> (NetRestrict, per-IP throttle) or is closed at once.
/// </summary>
public sealed class ListenerActor : ReceiveActor, IWithTimers
{
    private readonly ServerSettings _settings;
    private readonly IActorRef _server;
    private readonly InboundGate _gate;
    private readonly ILoggingAdapter _log;
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Handoff<Socket>? _accepting;
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

        Receive<Accepted>(OnAccepted);
        Receive<AcceptFailed>(OnAcceptFailed);
        Receive<RetryAccept>(_ => AcceptNext());
        Receive<InboundSlotFreed>(_ =>
        {
            if (_pending > 0) _pending--;
            AcceptNext();
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
        AcceptNext();
    }

    protected override void PostStop()
    {
        _stop.Cancel();
        _accepting?.Abandon();
        _listener?.Stop();
        _listener?.Dispose();
        _stop.Dispose();
    }

    private void AcceptNext()
    {
        if (_accepting is not null || _listener is null || Timers.IsTimerActive(RetryAccept.Instance) || _pending >= MaxPending) return;
        var handoff = new Handoff<Socket>();
        _accepting = handoff;
        var self = Self;
        _listener.AcceptSocketAsync(_stop.Token).AsTask().ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                if (handoff.Offer(t.Result)) self.Tell(new Accepted(handoff), self);
            }
            else
            {
                self.Tell(new AcceptFailed(handoff, t.Exception?.GetBaseException()), self);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnAccepted(Accepted message)
    {
        if (!ReferenceEquals(message.Handoff, _accepting)) return;
        _accepting = null;
        if (!message.Handoff.TryTake(out var socket))
        {
            AcceptNext();
            return;
        }
        try
        {
            var remote = socket.RemoteEndPoint as IPEndPoint;
            var refusal = remote is null ? InboundRefusal.None : _gate.Check(remote.Address);
            if (refusal != InboundRefusal.None)
            {
                _log.Debug("Refused inbound connection from {RemoteEndPoint}: {Reason}", remote, refusal);
                socket.Dispose();
            }
            else
            {
                socket.NoDelay = true;
                var local = socket.LocalEndPoint as IPEndPoint;
                var stream = new NetworkStream(socket, ownsSocket: true);
                _pending++;
                _server.Tell(new InboundConnection(new PeerSetup(stream, Inbound: true, remote, local, null)), Self);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // Reset between accept and here: nothing to hand on.
            _log.Debug("Accepted socket failed at once: {Error}", e.Message);
            socket.Dispose();
        }
        AcceptNext();
    }

    private void OnAcceptFailed(AcceptFailed message)
    {
        if (!ReferenceEquals(message.Handoff, _accepting)) return;
        _accepting = null;
        if (_stop.IsCancellationRequested) return;
        // A socket error on one accept (a reset, out of descriptors) is transient: pause, then go on, as geth does.
        // Anything else means the listener is gone: fail, and the backoff supervisor binds again.
        if (message.Error is SocketException socketError)
        {
            _log.Warning("Accept failed ({Error}); retrying in {Delay}", socketError.SocketErrorCode, AcceptRetryDelay);
            Timers.StartSingleTimer(RetryAccept.Instance, RetryAccept.Instance, AcceptRetryDelay);
            return;
        }
        throw new InvalidOperationException("the TCP listener failed", message.Error);
    }

    private sealed record Accepted(Handoff<Socket> Handoff);

    private sealed record AcceptFailed(Handoff<Socket> Handoff, Exception? Error);

    private sealed record RetryAccept
    {
        public static RetryAccept Instance { get; } = new();
    }
}
