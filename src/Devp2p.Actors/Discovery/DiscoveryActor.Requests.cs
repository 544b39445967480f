using Devp2p.Kernel;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// Outgoing requests (Ping, FindNode, ENRRequest), each with its pending reply and timeout, the
// endpoint-proof handshake before FindNode/ENRRequest, and the Ping/Resolve requests of users.
public sealed partial class DiscoveryActor
{
    private readonly Dictionary<long, BondWaiter> _bondWaiters = [];
    // Bonds whose Ping is out, with everyone waiting for them: concurrent lookups asking the same node
    // (every lookup of a starting node asks its bootnode) share one Ping instead of sending one each.
    private readonly Dictionary<NodeId, List<Action<bool>>> _bondsInFlight = [];
    private readonly HashSet<NodeId> _enrInFlight = [];
    private long _nextBondId;

    // The seq of each stored record, keyed by its text: every Ping and Pong carrying a seq is checked
    // against it (EIP-868), and parsing the record each time was a tenth of the actor's work.
    private readonly Dictionary<NodeId, (string Text, ulong Seq)> _knownSeqs = [];
    private const int KnownSeqCacheSize = 4096;

    private sealed record BondWaiter(NodeId Node, Action<bool> Then);

    /// <summary>Pings <paramref name="node"/>; <paramref name="done"/> gets its Pong, or null on timeout.</summary>
    private void SendPing(Discv4Node node, Action<PongPacket?> done)
    {
        if (node.Address is null)
        {
            done(null);
            return;
        }
        SendExpecting(node, new PingPacket(_ourEndpoint, node.Endpoint, Expiration(), _record.Seq), Discv4PacketType.Pong, packet =>
        {
            var pong = (PongPacket)packet;
            AddVerified(node);
            if (pong.EnrSeq is { } seq)
                MaybeRequestEnr(node, seq);
            done(pong);
            return true;
        }, () => done(null));
    }

    /// <summary>
    /// Makes sure <paramref name="node"/> holds a proof of our endpoint before we ask it anything
    /// (geth's ensureBond): if it has not pinged us within the proof lifetime, or our FindNodes to it
    /// failed more than <see cref="DiscoverySettings.MaxFindNodeFailures"/> times in a row (it pinged us
    /// but never got our Pong in time, so it drops our requests), we Ping it, and after its Pong wait
    /// (up to the response timeout) for the Ping it sends back to check us.
    /// <paramref name="then"/> gets false only when the node did not answer our Ping.
    /// </summary>
    private void EnsureBond(Discv4Node node, Action<bool> then)
    {
        if (node.Address is not { } ip)
        {
            then(false);
            return;
        }
        bool pingedUs = IsFresh(_db.LastPingReceived(node.Id, ip));
        if (pingedUs && _db.FindFails(node.Id, ip) <= _settings.MaxFindNodeFailures)
        {
            then(true);
            return;
        }
        if (_bondsInFlight.TryGetValue(node.Id, out var joined))
        {
            joined.Add(then);
            return;
        }
        var waiting = new List<Action<bool>> { then };
        _bondsInFlight[node.Id] = waiting;
        void All(bool bonded)
        {
            foreach (var next in waiting)
                next(bonded);
        }
        SendPing(node, pong =>
        {
            _bondsInFlight.Remove(node.Id);
            if (pong is null)
                All(false);
            else if (!pingedUs && IsFresh(_db.LastPingReceived(node.Id, ip)))
                All(true); // its check of us came before its Pong
            else
            {
                // Wait for its check of us; when re-bonding, the Ping it sent long ago does not count.
                long id = ++_nextBondId;
                _bondWaiters[id] = new BondWaiter(node.Id, All);
                Timers.StartSingleTimer(new BondTimeout(id), new BondTimeout(id), _settings.ResponseTimeout);
            }
        });
    }

    private void ResolveBondWaiters(NodeId sender)
    {
        if (_bondWaiters.Count == 0)
            return;
        foreach (var (id, waiter) in _bondWaiters.Where(w => w.Value.Node.Equals(sender)).ToArray())
        {
            _bondWaiters.Remove(id);
            Timers.Cancel(new BondTimeout(id));
            waiter.Then(true);
        }
    }

    private void OnBondTimeout(BondTimeout timeout)
    {
        // It answered our Ping but did not check us back: ask anyway, as geth does after its wait.
        if (_bondWaiters.Remove(timeout.Id, out var waiter))
            waiter.Then(true);
    }

    /// <summary>
    /// Sends FindNode(<paramref name="target"/>) after the bond; <paramref name="done"/> gets the usable
    /// nodes (until 16 arrived, or what came before the timeout), or null when nothing came.
    /// </summary>
    private void SendFindNode(Discv4Node node, NodeId target, Action<IReadOnlyList<Discv4Node>?> done)
    {
        EnsureBond(node, bonded =>
        {
            if (!bonded)
            {
                done(null);
                return;
            }
            var received = new List<Discv4Node>();
            int total = 0;
            SendExpecting(node, new FindNodePacket(target, Expiration()), Discv4PacketType.Neighbors, packet =>
            {
                var neighbors = (NeighborsPacket)packet;
                total += neighbors.Nodes.Count;
                received.AddRange(Usable(node.Address!, neighbors.Nodes));
                // Complete at 16 nodes, or at a packet short of a full one (12): senders fill every
                // packet but the last (geth splits at 12, ethereumjs sends all 16 in one), so waiting
                // out the timeout after a short packet only slows lookups down.
                if (total < KademliaConstants.BucketSize && neighbors.Nodes.Count >= Discv4Constants.MaxNeighbors)
                    return false;
                done(received);
                return true;
            }, () => done(total > 0 ? received : null));
        });
    }

    /// <summary>Asks <paramref name="node"/> for its record after the bond; <paramref name="done"/> gets it verified, or null.</summary>
    private void RequestEnr(Discv4Node node, Action<Enr?> done)
    {
        EnsureBond(node, bonded =>
        {
            if (!bonded)
            {
                done(null);
                return;
            }
            SendExpecting(node, new EnrRequestPacket(Expiration()), Discv4PacketType.EnrResponse, packet =>
            {
                var record = CheckRecord(node.Id, (EnrResponsePacket)packet);
                if (record is not null)
                    StoreRecord(node, record);
                done(record);
                return true;
            }, () => done(null));
        });
    }

    private Enr? CheckRecord(NodeId sender, EnrResponsePacket response)
    {
        try
        {
            var record = Enr.Decode(response.Record.Span);
            if (record.PublicKey is { } key && key.Equals(sender))
                return record;
        }
        catch (EnrFormatException)
        {
        }
        _counters.Drop(DiscoveryDrop.BadRecord);
        return null;
    }

    /// <summary>EIP-868: a Ping or Pong carrying a seq newer than the record we hold triggers an ENRRequest.</summary>
    private void MaybeRequestEnr(Discv4Node node, ulong remoteSeq)
    {
        if (remoteSeq <= KnownSeq(node.Id) || !_enrInFlight.Add(node.Id))
            return;
        RequestEnr(node, _ => _enrInFlight.Remove(node.Id));
    }

    private ulong KnownSeq(NodeId id)
    {
        if (_db.GetNode(id) is not { Enr: { } text })
            return 0;
        if (_knownSeqs.TryGetValue(id, out var cached) && cached.Text == text)
            return cached.Seq;
        ulong seq = TryParseUnverified(text) is { } record ? record.Seq : 0;
        if (_knownSeqs.Count >= KnownSeqCacheSize)
            _knownSeqs.Clear();
        _knownSeqs[id] = (text, seq);
        return seq;
    }

    private static Enr? TryParseUnverified(string text)
    {
        try
        {
            return Enr.ParseUnverified(text);
        }
        catch (EnrFormatException)
        {
            return null;
        }
    }

    private void StoreRecord(Discv4Node node, Enr record)
    {
        var known = _db.GetNode(node.Id);
        _db.UpsertNode(new StoredNode(node.Id, node.Address!, node.UdpPort, node.TcpPort, record.ToText(), known?.LastSeen ?? Now));
    }

    /// <summary>Registers the expected reply and its timeout, then sends: a reply can never beat its registration.</summary>
    private void SendExpecting(Discv4Node node, Discv4Packet request, Discv4PacketType replyType, Func<Discv4Packet, bool> onReply, Action onTimeout)
    {
        var datagram = Discv4Codec.Encode(request, _settings.PrivateKey, _secp);
        var hash = replyType == Discv4PacketType.Neighbors ? default : datagram.AsMemory(0, Discv4Constants.HashSize);
        var reply = _pending.Add(node.Id, node.Address!, replyType, hash, onReply, onTimeout);
        Timers.StartSingleTimer(new ReplyTimeout(reply.Id), new ReplyTimeout(reply.Id), _settings.ResponseTimeout);
        Transmit(node, datagram);
    }

    private void OnPingRequest(PingNode request)
    {
        var replyTo = Sender;
        if (ToNode(request.Node) is not { } node)
        {
            replyTo.Tell(new PingResult(request.Node, false, TimeSpan.Zero, null, "the node has no known address"));
            return;
        }
        var started = Monotonic;
        SendPing(node, pong => replyTo.Tell(pong is null
            ? new PingResult(request.Node, false, TimeSpan.Zero, null, $"no Pong within {_settings.ResponseTimeout.TotalMilliseconds} ms")
            : new PingResult(request.Node, true, Monotonic - started, pong.EnrSeq, null)));
    }

    private void OnResolveRequest(ResolveNode request)
    {
        var replyTo = Sender;
        var known = _db.GetNode(request.Node.Id) is { Enr: { } text } ? TryParseUnverified(text) : null;
        if (ToNode(request.Node) is not { } node)
        {
            replyTo.Tell(new ResolveResult(request.Node, known, false, "the node has no known address"));
            return;
        }
        RequestEnr(node, record => replyTo.Tell(record is null
            ? new ResolveResult(request.Node, known, false, "the node did not answer the ENRRequest")
            : new ResolveResult(request.Node, record, true, null)));
    }

    /// <summary>An enode as a discovery node; an incomplete one takes the address the table or database has.</summary>
    private Discv4Node? ToNode(EnodeUrl url)
    {
        if (url.Ip is { } ip)
            return new Discv4Node(url.Id, Plain(ip), (ushort)url.UdpPort, (ushort)url.TcpPort);
        if (_table.Get(url.Id) is { } entry)
            return entry.Node;
        return _db.GetNode(url.Id) is { } stored ? new Discv4Node(stored.Id, stored.Ip, (ushort)stored.UdpPort, (ushort)stored.TcpPort) : null;
    }
}
