using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Dialer;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Events;
using Devp2p.Actors.Listener;
using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

/// <summary>
/// The root of a node (geth's p2p.Server): owns the peer set and its limits, answers the peers'
/// checkpoints, publishes PeerAdded / PeerDropped on the EventStream, and serves the user's
/// requests. Its children: the listener and dialer (which hand it connected streams), discovery,
/// each under a BackoffSupervisor, and one PeerActor per connection, stopped when it fails.
/// </summary>
public sealed partial class ServerActor : ReceiveActor, IWithTimers
{
    private readonly ServerSettings _settings;
    private readonly ServerComponents _components;
    private readonly LocalNode _local;
    private readonly PeerAdmission _admission;
    private readonly ILoggingAdapter _log;
    private readonly NodeMetrics _metrics;
    private readonly Dictionary<IActorRef, PeerConnection> _connections = new();
    private readonly Dictionary<NodeId, PeerConnection> _peers = new();
    private readonly Dictionary<NodeId, EnodeUrl> _static = new();
    private readonly HashSet<NodeId> _trusted = new();
    private int _inboundPeers;
    private long _spawned;
    private IActorRef? _listener;
    private IActorRef? _dialer;
    private IActorRef? _discovery;
    private bool _discoveryStarted;
    private System.Net.IPEndPoint? _bound;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ServerSettings settings, ServerComponents components)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(components);
        return Kernel.Props.Create(() => new ServerActor(settings, components));
    }

    private ServerActor(ServerSettings settings, ServerComponents components)
    {
        _settings = settings;
        _components = components;
        _local = new LocalNode(settings.PrivateKey, settings.ListenEndPoint);
        (_metrics, _log) = (NodeMetrics.For(settings.PrivateKey), Context.GetLogger().ForNode(settings.PrivateKey));
        _admission = PeerAdmission.From(settings, _local.Id);
        foreach (var node in settings.StaticNodes) _static[node.Id] = node;
        foreach (var node in settings.TrustedNodes) _trusted.Add(node.Id);

        Receive<ListenerBound>(OnListenerBound);
        Receive<InboundConnection>(m => Spawn(m.Setup));
        Receive<DialConnected>(m => Spawn(m.Setup));
        Receive<DialerStarted>(_ => Sender.Tell(new DialerSync(
            _static.Values.ToArray(),
            _peers.Values.Select(p => new ConnectedPeer(p.RemoteId!, p.Inbound)).ToArray(),
            _connections.Values.Where(c => c.ReportedPendingInbound && c.Info is null && !c.Closed).Select(c => c.RemoteId!).ToArray(),
            _discovery), Self));
        Receive<PostHandshake>(OnPostHandshake);
        Receive<AddPeerCheckpoint>(OnAddPeerCheckpoint);
        Receive<PeerClosed>(OnPeerClosed);
        Receive<PeerProtocolInfo>(OnProtocolInfo);
        Receive<Terminated>(OnTerminated);
        ReceiveRequests();
    }

    /// <summary>Peer children fail alone and are stopped (their connection is dropped); the backoff supervisors restart the others.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => Kernel.SupervisorStrategy.StoppingStrategy;

    protected override void PreStart()
    {
        _log.Info("Starting server, node id {Id}", _local.Id.ToShortString());
        if (_settings.ListenEndPoint is not null)
            _listener = StartSupervised(ListenerActor.Props(_settings, Self), "listener");
        else
            StartDiscovery(0);
        if (!_settings.NoDial)
            _dialer = StartSupervised(DialerActor.Props(_settings, _local.Id, Self, _components.Connector, _components.DialRandom), "dialer");
    }

    private IActorRef StartSupervised(Props child, string name)
    {
        var options = BackoffOptions
            .CreateOnFailure(child, name, _components.ChildMinBackoff, _components.ChildMaxBackoff, 0.2)
            .WithDecider(Decider.From(_ => Directive.Restart));
        return Context.Watch(Context.ActorOf(BackoffSupervisor.Props(options), name + "-supervisor"));
    }

    private void OnListenerBound(ListenerBound bound)
    {
        _bound = bound.EndPoint;
        StartDiscovery(bound.EndPoint.Port);
    }

    private void StartDiscovery(int tcpPort)
    {
        if (_discoveryStarted || _stopping || _settings.NoDiscovery || _components.Discovery is null) return;
        _discoveryStarted = true;
        Props props;
        try
        {
            props = _components.Discovery(_settings, tcpPort);
        }
        catch (Exception e)
        {
            _log.Error(e, "Could not create discovery; running without it");
            return;
        }
        _discovery = StartSupervised(props, "discovery");
        _dialer?.Tell(new DiscoveryAvailable(_discovery), Self);
    }

    /// <summary>A connected stream from the listener or the dialer: one PeerActor child owns it from now on.</summary>
    private void Spawn(PeerSetup setup)
    {
        if (_stopping)
        {
            setup.Stream.Dispose();
            EndedBeforeAdd(setup, null, false);
            return;
        }
        IActorRef child;
        try
        {
            child = Context.ActorOf(_components.Peers(setup, _settings), $"peer-{++_spawned}");
        }
        catch (Exception e)
        {
            _log.Error(e, "Could not start a peer for {RemoteEndPoint}", setup.RemoteEndPoint);
            setup.Stream.Dispose();
            EndedBeforeAdd(setup, null, false);
            return;
        }
        Context.Watch(child);
        _connections[child] = new PeerConnection(child, setup);
    }

    private void OnPeerClosed(PeerClosed closed)
    {
        if (!_connections.TryGetValue(Sender, out var connection)) return;
        Close(connection, closed.Reason, closed.RemoteRequested, closed.Detail);
    }

    private void OnTerminated(Terminated terminated)
    {
        var actor = terminated.ActorRef;
        if (_connections.Remove(actor, out var connection))
        {
            if (!connection.Closed)
            {
                // The PeerActor stopped without saying why (it failed, or was force-stopped): drop it here.
                connection.Setup.Stream.Dispose();
                Close(connection, _stopping ? DisconnectReason.Quitting : DisconnectReason.NetworkError, false, "peer actor stopped without PeerClosed");
            }
            CheckStopped();
            return;
        }
        if (actor.Equals(_listener)) _listener = null;
        else if (actor.Equals(_dialer)) _dialer = null;
        else if (actor.Equals(_discovery)) _discovery = null;
        else return;
        if (!_stopping) _log.Warning("Child {Child} stopped for good", actor.Path.Name);
    }

    /// <summary>
    /// A connection is over. For an added peer: leave the set first, then publish PeerDropped, so a
    /// GetPeers answered after the event no longer lists it; then free the slots.
    /// </summary>
    private void Close(PeerConnection connection, DisconnectReason reason, bool remoteRequested, string? detail)
    {
        if (connection.Closed) return;
        connection.Closed = true;
        if (connection.Info is { } info)
        {
            _peers.Remove(info.Id);
            if (connection.Inbound) _inboundPeers--;
            _metrics.PeerRemoved(connection.Inbound);
            _log.Debug("Peer {RemoteId} dropped: {Reason} (remote: {RemoteRequested})", info.Id.ToShortString(), reason.Describe(), remoteRequested);
            Context.System.EventStream.Publish(new PeerDropped(info.Id, info.ClientId, reason, remoteRequested, detail));
            _dialer?.Tell(new PeerDisconnected(info.Id, connection.Inbound), Self);
            return;
        }
        EndedBeforeAdd(connection.Setup, connection.RemoteId, connection.ReportedPendingInbound);
    }

    /// <summary>Frees what a connection that never became a peer held: the listener's pending slot, or the dialer's dial.</summary>
    private void EndedBeforeAdd(PeerSetup setup, NodeId? remoteId, bool reportedPending)
    {
        if (setup.Inbound)
        {
            _listener?.Tell(InboundSlotFreed.Instance, Self);
            if (reportedPending && remoteId is not null) _dialer?.Tell(new InboundEnded(remoteId), Self);
        }
        else if (setup.DialDestination is { } destination)
        {
            _dialer?.Tell(new DialEnded(destination), Self);
        }
    }

    private void OnProtocolInfo(PeerProtocolInfo update)
    {
        if (!_peers.TryGetValue(update.PeerId, out var connection) || connection.Info is not { } info) return;
        var protocols = new Dictionary<string, object>(info.Protocols) { [update.Protocol] = update.Info };
        connection.Info = info with { Protocols = protocols };
    }

    private PeerSetView PeerSet() => new(_peers.Count, _inboundPeers, _peers.ContainsKey);
}
