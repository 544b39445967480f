using System.Net;
using System.Net.Sockets;
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
public sealed class ListenerActor : ReceiveActor
{
    private readonly ServerSettings _settings;
    private readonly IActorRef _server;
    private readonly InboundGate _gate;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Handoff<Socket>? _accepting;
    private int _pending;

    public static Props Props(ServerSettings settings, IActorRef server) =>
        Kernel.Props.Create(() => new ListenerActor(settings, server));

    private ListenerActor(ServerSettings settings, IActorRef server)
    {
        _settings = settings;
        _server = server;
        var system = Context.System;
        _gate = new InboundGate(settings.NetRestrict, settings.InboundThrottle, () => system.Scheduler.MonotonicClock);

        Receive<Accepted>(OnAccepted);
        Receive<AcceptFailed>(OnAcceptFailed);
        Receive<InboundSlotFreed>(_ =>
        {
            if (_pending > 0) _pending--;
            AcceptNext();
        });
    }

    /// <summary>Inbound connections handed to the server and not yet reported back.</summary>
    internal int Pending => _pending;

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
        if (_accepting is not null || _listener is null || _pending >= Math.Max(1, _settings.MaxPendingPeers)) return;
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
        var remote = socket.RemoteEndPoint as IPEndPoint;
        var refusal = remote is null ? InboundRefusal.None : _gate.Check(remote.Address);
        if (refusal != InboundRefusal.None)
        {
            _log.Debug("Refused inbound connection from {Remote}: {Reason}", remote, refusal);
            socket.Dispose();
            AcceptNext();
            return;
        }
        socket.NoDelay = true;
        var local = socket.LocalEndPoint as IPEndPoint;
        _pending++;
        _server.Tell(new InboundConnection(new PeerSetup(new NetworkStream(socket, ownsSocket: true), Inbound: true, remote, local, null)), Self);
        AcceptNext();
    }

    private void OnAcceptFailed(AcceptFailed message)
    {
        if (!ReferenceEquals(message.Handoff, _accepting)) return;
        _accepting = null;
        if (_stop.IsCancellationRequested) return;
        // A socket error on one accept (a reset before accept completed) is not fatal; a dead listener is.
        if (message.Error is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
        {
            AcceptNext();
            return;
        }
        throw new InvalidOperationException("the TCP listener failed", message.Error);
    }

    private sealed record Accepted(Handoff<Socket> Handoff);

    private sealed record AcceptFailed(Handoff<Socket> Handoff, Exception? Error);
}
