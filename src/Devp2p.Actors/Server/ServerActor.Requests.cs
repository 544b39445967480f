using Devp2p.Actors.Dialer;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

public sealed partial class ServerActor
{
    private readonly List<IActorRef> _stopRequesters = new();
    private bool _stopping;

    private void ReceiveRequests()
    {
        Receive<AddPeer>(OnAddPeer);
        Receive<RemovePeer>(OnRemovePeer);
        Receive<AddTrustedPeer>(m =>
        {
            _trusted.Add(m.Node.Id);
            SetTrusted(m.Node.Id, true);
            Sender.Tell(Status.Success.Instance, Self);
        });
        Receive<RemoveTrustedPeer>(m =>
        {
            _trusted.Remove(m.Node);
            SetTrusted(m.Node, false);
            Sender.Tell(Status.Success.Instance, Self);
        });
        Receive<GetPeers>(_ => Sender.Tell(CurrentPeers(), Self));
        Receive<GetNodeInfo>(_ => OnGetNodeInfo());
        Receive<NodeInfoReady>(m => m.ReplyTo.Tell(BuildNodeInfo(m.Record), Self));
        Receive<SendToPeer>(OnSendToPeer);
        Receive<GetProtocolActor>(OnGetProtocolActor);
        Receive<StopServer>(_ => OnStopServer());
        Receive<ForceStop>(_ =>
        {
            foreach (var actor in _connections.Keys) Context.Stop(actor);
        });
    }

    private void OnAddPeer(AddPeer request)
    {
        var node = request.Node;
        if (node.IsIncomplete || node.Id == _local.Id)
        {
            var why = node.IsIncomplete ? "has no address" : "is this node";
            Sender.Tell(new Status.Failure(new ArgumentException($"static node {node.Id.ToShortString()} {why}")), Self);
            return;
        }
        _static[node.Id] = node;
        _dialer?.Tell(new AddStaticNode(node), Self);
        Sender.Tell(Status.Success.Instance, Self);
    }

    private void OnRemovePeer(RemovePeer request)
    {
        if (_static.Remove(request.Node)) _dialer?.Tell(new RemoveStaticNode(request.Node), Self);
        if (_peers.TryGetValue(request.Node, out var connection))
            connection.Actor.Tell(new DisconnectPeer(DisconnectReason.Requested), Self);
        Sender.Tell(Status.Success.Instance, Self);
    }

    private void SetTrusted(NodeId id, bool trusted)
    {
        if (_peers.TryGetValue(id, out var connection) && connection.Info is { } info)
            connection.Info = info with { Trusted = trusted };
    }

    private IReadOnlyList<PeerInfo> CurrentPeers() =>
        _peers.Values
            .Select(c => c.Info!)
            .OrderBy(p => p.Id.ToHex(), StringComparer.Ordinal)
            .ToArray();

    private void OnSendToPeer(SendToPeer request)
    {
        if (_peers.TryGetValue(request.Peer, out var connection))
        {
            connection.Actor.Tell(new ToProtocol(request.Protocol, request.Message), Sender);
            return;
        }
        Sender.Tell(new Status.Failure(new InvalidOperationException($"peer {request.Peer.ToShortString()} is not connected")), Self);
    }

    /// <summary>The PeerActor knows its protocol actors; it answers the asker directly.</summary>
    private void OnGetProtocolActor(GetProtocolActor request)
    {
        if (_peers.TryGetValue(request.Peer, out var connection))
        {
            connection.Actor.Tell(new ToProtocol(request.Protocol, ProtocolActorQuery.Instance), Sender);
            return;
        }
        Sender.Tell(new Status.Failure(new InvalidOperationException($"peer {request.Peer.ToShortString()} is not connected")), Self);
    }

    private void OnGetNodeInfo()
    {
        var replyTo = Sender;
        if (_discovery is null)
        {
            replyTo.Tell(BuildNodeInfo(null), Self);
            return;
        }
        _discovery.Ask<LocalRecord>(GetLocalRecord.Instance, _components.LocalRecordTimeout)
            .PipeTo(Self, Self, r => new NodeInfoReady(replyTo, r), _ => new NodeInfoReady(replyTo, null));
    }

    private NodeInfo BuildNodeInfo(LocalRecord? record)
    {
        var tcp = _bound?.Port ?? 0;
        var udp = record?.UdpPort ?? 0;
        return new NodeInfo(
            _local.Id,
            _local.Enode(tcp, udp),
            record?.Enr ?? _local.FallbackRecord(tcp),
            tcp,
            udp,
            _settings.ClientId,
            _settings.Protocols.Select(p => p.Capability).ToArray());
    }

    /// <summary>
    /// Graceful stop: no more accepting, dialing or discovery; Disconnect(Quitting) to every
    /// connection; Success once they have all gone. A connection still there after the disconnect
    /// grace period plus one second is stopped by force.
    /// </summary>
    private void OnStopServer()
    {
        _stopRequesters.Add(Sender);
        if (_stopping) return;
        _stopping = true;
        _log.Info("Stopping server: {Count} connections", _connections.Count);
        foreach (var child in new[] { _listener, _dialer, _discovery })
        {
            if (child is null) continue;
            Context.Unwatch(child);
            Context.Stop(child);
        }
        _listener = _dialer = _discovery = null;
        foreach (var connection in _connections.Values)
            connection.Actor.Tell(new DisconnectPeer(DisconnectReason.Quitting), Self);
        Timers.StartSingleTimer(ForceStop.Instance, ForceStop.Instance, _settings.DisconnectGrace + TimeSpan.FromSeconds(1));
        CheckStopped();
    }

    private void CheckStopped()
    {
        if (!_stopping || _connections.Count > 0) return;
        foreach (var requester in _stopRequesters) requester.Tell(Status.Success.Instance, Self);
        _stopRequesters.Clear();
        Context.Stop(Self);
    }

    private sealed record NodeInfoReady(IActorRef ReplyTo, LocalRecord? Record);

    private sealed record ForceStop
    {
        public static ForceStop Instance { get; } = new();
    }
}
