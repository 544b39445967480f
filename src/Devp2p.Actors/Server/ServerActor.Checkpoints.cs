using Devp2p.Actors.Dialer;
using Devp2p.Actors.Events;
using Devp2p.Actors.Listener;
using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Server;

public sealed partial class ServerActor
{
    private void OnPostHandshake(PostHandshake check)
    {
        if (!_connections.TryGetValue(Sender, out var connection) || connection.Closed) return;
        var reason = _stopping
            ? DisconnectReason.Quitting
            : _admission.PostHandshake(check.RemoteId, connection.Inbound, _trusted.Contains(check.RemoteId), PeerSet());
        if (reason is { } rejected)
        {
            _log.Debug("Post-handshake checkpoint rejected {RemoteId}: {Reason}", check.RemoteId.ToShortString(), rejected.Describe());
            Sender.Tell(new CheckpointRejected(rejected), Self);
            return;
        }
        connection.RemoteId = check.RemoteId;
        if (connection.Inbound && !connection.ReportedPendingInbound && _dialer is not null)
        {
            connection.ReportedPendingInbound = true;
            _dialer.Tell(new InboundPending(check.RemoteId), Self);
        }
        Sender.Tell(CheckpointPassed.Instance, Self);
    }

    private void OnAddPeerCheckpoint(AddPeerCheckpoint check)
    {
        if (!_connections.TryGetValue(Sender, out var connection) || connection.Closed) return;
        var id = check.RemoteId;
        var trusted = _trusted.Contains(id);
        DisconnectReason? reason = _stopping
            ? DisconnectReason.Quitting
            : connection.RemoteId is { } known && known != id
                ? DisconnectReason.UnexpectedIdentity
                : _admission.AddPeer(id, connection.Inbound, trusted, check.Capabilities.Count, PeerSet());
        if (reason is { } rejected)
        {
            _log.Debug("Add-peer checkpoint rejected {RemoteId}: {Reason}", id.ToShortString(), rejected.Describe());
            Sender.Tell(new CheckpointRejected(rejected), Self);
            return;
        }

        var setup = connection.Setup;
        var info = new PeerInfo(
            id,
            check.Hello.ClientId,
            check.Hello.Capabilities,
            check.Capabilities,
            setup.LocalEndPoint,
            setup.RemoteEndPoint,
            connection.Inbound,
            trusted,
            setup.Static || _static.ContainsKey(id),
            Context.System.Scheduler.Now);
        connection.RemoteId = id;
        connection.Info = info;
        _peers[id] = connection;
        if (connection.Inbound) _inboundPeers++;
        _metrics.PeerAdded(connection.Inbound);
        Sender.Tell(CheckpointPassed.Instance, Self);

        _log.Debug("Peer {RemoteId} added ({Client}, inbound: {Inbound})", id.ToShortString(), info.ClientId, info.Inbound);
        Context.System.EventStream.Publish(new PeerAdded(info));
        _dialer?.Tell(new PeerConnected(id, connection.Inbound), Self);
        if (connection.Inbound) _listener?.Tell(InboundSlotFreed.Instance, Self);
    }
}
