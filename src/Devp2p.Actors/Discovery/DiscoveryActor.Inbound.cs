using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// Incoming packets: decode, check, answer, and hand replies to whoever waits for them.
public sealed partial class DiscoveryActor
{
    private void OnDatagram(UdpDatagram datagram)
    {
        HandleDatagram(datagram);
        if (_intake is { } intake)
        {
            foreach (var replyId in _heldTimeouts.TakeDue(intake.Taken))
                ExpireReply(replyId);
        }
    }

    private void HandleDatagram(UdpDatagram datagram)
    {
        _intake?.Leave();
        _counters.Received++;
        var fromIp = Plain(datagram.From.Address);
        if (!IsAllowed(fromIp))
        {
            _counters.Drop(DiscoveryDrop.Ignored);
            return;
        }
        var (decoded, error) = (datagram.Decoded, datagram.Error);
        if (decoded is null && error is null)
        {
            try
            {
                decoded = Discv4Codec.Decode(datagram.Data, _secp);
            }
            catch (Discv4PacketException e)
            {
                error = e;
            }
        }
        if (error is not null || decoded is null)
        {
            _counters.Drop(DiscoveryDrop.BadPacket);
            _log.Debug("discv4 dropped a bad packet from {From}: {Error}", datagram.From, error?.Error);
            return;
        }
        if (decoded.Sender.Equals(_self))
        {
            _counters.Drop(DiscoveryDrop.Ignored);
            return;
        }
        if (decoded.Packet.CheckExpiration(Discv4Expiration.ToUnixSeconds(Now)) == Discv4ExpirationCheck.Expired)
        {
            _counters.Drop(DiscoveryDrop.Expired);
            return;
        }
        var from = new IPEndPoint(fromIp, datagram.From.Port);
        switch (decoded.Packet)
        {
            case PingPacket ping:
                OnPing(decoded, ping, from);
                break;
            case FindNodePacket find:
                OnFindNode(decoded.Sender, find, from);
                break;
            case EnrRequestPacket:
                OnEnrRequest(decoded, from);
                break;
            default:
                OnReply(decoded, from);
                break;
        }
    }

    private void OnPing(Discv4DecodedPacket decoded, PingPacket ping, IPEndPoint from)
    {
        var sender = decoded.Sender;
        // The UDP source is the truth for the address; the TCP port can only come from the packet.
        var node = new Discv4Node(sender, from.Address, (ushort)from.Port, ping.From.TcpPort);
        Send(node, new PongPacket(NodeEndpoint.FromRawIp(Bytes(from.Address), (ushort)from.Port, ping.From.TcpPort),
            decoded.Hash.Span, Expiration(), _record.Seq));
        _db.SetLastPingReceived(sender, from.Address, Now);

        if (IsFresh(_db.LastPongReceived(sender, from.Address)))
            AddVerified(node);
        else if (!_pending.IsAwaiting(sender, Discv4PacketType.Pong))
            SendPing(node, _ => { }); // unknown sender: prove its endpoint; its Pong adds it to the table
        // (a Ping of ours already out to it proves the endpoint when its Pong comes: one check per sender)
        ResolveBondWaiters(sender);
        if (ping.EnrSeq is { } seq)
            MaybeRequestEnr(node, seq);
    }

    private void OnFindNode(NodeId sender, FindNodePacket find, IPEndPoint from)
    {
        if (!IsFresh(_db.LastPongReceived(sender, from.Address)))
        {
            // geth's errUnknownNode: answering unproven senders would make us an amplifier.
            _counters.Drop(DiscoveryDrop.NoEndpointProof);
            return;
        }
        var closest = _table.Closest(find.Target, KademliaConstants.BucketSize, preferLive: true)
            .Where(n => RelayIpCheck.Check(from.Address, n.Endpoint) == RelayIpResult.Ok)
            .ToArray();
        var to = new Discv4Node(sender, from.Address, (ushort)from.Port, 0);
        foreach (var packet in NeighborsPacket.Split(closest, Expiration()))
            Send(to, packet);
    }

    private void OnEnrRequest(Discv4DecodedPacket decoded, IPEndPoint from)
    {
        if (!IsFresh(_db.LastPongReceived(decoded.Sender, from.Address)))
        {
            _counters.Drop(DiscoveryDrop.NoEndpointProof);
            return;
        }
        var to = new Discv4Node(decoded.Sender, from.Address, (ushort)from.Port, 0);
        Send(to, new EnrResponsePacket(decoded.Hash.Span, _record.Encoded.Span));
    }

    private void OnReply(Discv4DecodedPacket decoded, IPEndPoint from)
    {
        var pending = _pending.Match(decoded.Sender, from.Address, decoded.Packet);
        if (pending is null)
        {
            _counters.Drop(DiscoveryDrop.Unsolicited);
            return;
        }
        if (decoded.Packet is PongPacket)
            _db.SetLastPongReceived(decoded.Sender, from.Address, Now);
        if (pending.OnReply(decoded.Packet))
        {
            _pending.Remove(pending.Id);
            Timers.Cancel(new ReplyTimeout(pending.Id));
        }
    }

    private void OnReplyTimeout(ReplyTimeout timeout)
    {
        // A reply that reached the socket before now may still be in the receive loop's decoding:
        // the timeout waits until the datagrams admitted so far have been handled (HeldReplyTimeouts).
        if (_intake is { } intake && !_heldTimeouts.IsDue(timeout.Id, intake.Admitted, intake.Taken))
            return;
        ExpireReply(timeout.Id);
    }

    private void ExpireReply(long replyId)
    {
        if (_pending.Remove(replyId) is { } reply)
            reply.OnTimeout();
    }

    /// <summary>The nodes of a Neighbors packet we may use: relay-checked, valid keys, inside NetRestrict.</summary>
    private List<Discv4Node> Usable(IPAddress sender, IReadOnlyList<Discv4Node> nodes)
    {
        var usable = new List<Discv4Node>(nodes.Count);
        foreach (var node in nodes)
        {
            if (RelayIpCheck.Check(sender, node.Endpoint) != RelayIpResult.Ok || node.Address is not { } ip || !IsAllowed(ip)
                || node.Id.Equals(_self) || !_secp.IsValidPublicKey(Uncompressed(node.Id)))
            {
                _counters.RelayedRejected++;
                continue;
            }
            usable.Add(node);
        }
        return usable;
    }

    private static byte[] Uncompressed(NodeId id)
    {
        var key = new byte[65];
        key[0] = 0x04;
        id.Bytes.CopyTo(key.AsSpan(1));
        return key;
    }

    private static byte[] Bytes(IPAddress ip) => ip.GetAddressBytes();
}
