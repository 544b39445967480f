using System.Net;
using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Discovery.NodeDatabase;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// discv4 as one actor: it owns the UDP transport, the Kademlia table, the node database and every
/// timer, and drives the pure code of <c>Devp2p.Protocol.Discv4</c> (codec, table, lookup, relay
/// check). Everything happens on the actor's turn, so the table needs no locks; the only other thread
/// is the transport's receive loop, which decodes each datagram and Tells it to the actor. Time comes from the
/// system scheduler, so the TestKit's virtual time drives timeouts, revalidation and refresh.
/// The receive loop decodes each datagram before the Tell (<see cref="InboundDecoder"/>): the signature
/// recovery then runs beside the actor's turn instead of inside it.
/// Answers <see cref="LookupNodes"/>, <see cref="ResolveNode"/>, <see cref="PingNode"/>,
/// <see cref="GetDialCandidates"/>, <see cref="GetLocalRecord"/>, <see cref="GetTableNodes"/> and
/// <see cref="GetDiscoveryStats"/>; publishes <see cref="DiscoveryTableChanged"/>.
/// </summary>
public sealed partial class DiscoveryActor : ReceiveActor, IWithTimers
{
    private readonly DiscoverySettings _settings;
    /// <summary>A stored node's last-seen time is rewritten at most this often while it keeps answering.</summary>
    internal static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    private readonly ISecp256k1 _secp = Secp256k1.Default;
    private readonly NodeId _self;
    private readonly PendingReplies _pending = new();
    private readonly HeldReplyTimeouts _heldTimeouts = new();
    private readonly DiscoveryCounters _counters = new();
    private readonly ILoggingAdapter _log;
    private readonly NodeMetrics _metrics;
    private IDisposable? _tableGauge;
    private KademliaTable _table = null!;
    private INodeDatabase _db = null!;
    private IUdpTransport _transport = null!;
    private Enr _record = null!;
    private DatagramIntake? _intake;
    private NodeEndpoint _ourEndpoint = null!;

    public DiscoveryActor(DiscoverySettings settings)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _self = NodeId.FromBytes(_secp.CreatePublicKey(settings.PrivateKey));
        (_metrics, _log) = (NodeMetrics.For(settings.PrivateKey), Context.GetLogger().ForNode(settings.PrivateKey));
        Receive<UdpDatagram>(OnDatagramMeasured);
        Receive<ReplyTimeout>(OnReplyTimeout);
        Receive<BondTimeout>(OnBondTimeout);
        Receive<RevalidateTick>(t => Revalidate(t.Queue));
        Receive<RefreshTick>(_ => Refresh());
        Receive<ExpireTick>(_ => ExpireNodes());
        Receive<FlushTick>(_ => FlushNodeDatabase());
        Receive<LookupNodes>(m => StartLookup(m.Target, Sender));
        Receive<PingNode>(OnPingRequest);
        Receive<ResolveNode>(OnResolveRequest);
        Receive<GetDialCandidates>(m => Sender.Tell(new DialCandidates(DialCandidates(m.Max))));
        Receive<GetLocalRecord>(_ => Sender.Tell(new LocalRecord(_record.ToText(), _record.Seq, _transport.LocalEndPoint.Port)));
        Receive<GetTableNodes>(_ => Sender.Tell(new TableNodes(TableSnapshot())));
        Receive<GetDiscoveryStats>(_ => Sender.Tell(_counters.Snapshot(_table.Count, _pending.Count)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a discovery actor with these settings.</summary>
    public static Props Props(DiscoverySettings settings) => Kernel.Props.Create(() => new DiscoveryActor(settings));

    /// <summary>
    /// The <see cref="DiscoveryPropsFactory"/> the ServerActor uses: settings from the server's, UDP on
    /// the server's listen address (its port, or the TCP port when that was 0), the given database —
    /// by default the SQLite node database in <see cref="ServerSettings.NodeDatabasePath"/> (in memory without one).
    /// </summary>
    public static DiscoveryPropsFactory Factory(Func<ServerSettings, INodeDatabase>? database = null)
    {
        database ??= server => SqliteNodeDatabase.Open(server.NodeDatabasePath);
        return (server, tcpPort) => Props(DiscoverySettings.FromServer(server, tcpPort, () => database(server)));
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private TimeSpan Monotonic => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart()
    {
        _log.Debug("discv4 starting with secp256k1 backend {Backend}", Secp256k1.BackendName);
        _db = OpenNodeDatabase();
        _table = new KademliaTable(_self, _settings.RandomSeed is { } seed ? new Random(seed) : null, _settings.TableIpLimits);
        var table = _table;
        _tableGauge = _metrics.ObserveTable(() => table.Count);
        _transport = _settings.TransportFactory(_settings.ListenEndPoint);
        var local = _transport.LocalEndPoint;
        var ip = _settings.AdvertisedIp ?? (IsUnspecified(local.Address) ? null : local.Address);
        _record = LocalNodeRecord.Load(_db, _settings.PrivateKey, ip, _settings.TcpPort, local.Port, Now);
        _ourEndpoint = new NodeEndpoint(ip ?? local.Address, (ushort)local.Port, (ushort)_settings.TcpPort);
        var self = Self;
        var intake = _intake = new DatagramIntake(_settings.IntakeCapacity);
        _counters.Shed = () => intake.Shed;
        var decoder = new InboundDecoder(_secp, _settings.NetRestrict);
        _transport.Start((from, data) =>
        {
            if (intake.TryEnter())
                self.Tell(decoder.Decode(from, data), ActorRefs.NoSender);
        });
        _log.Info("discv4 listening on {Endpoint}, record seq {Seq}", local, _record.Seq);

        SeedTable();
        Timers.StartPeriodicTimer(new RevalidateTick(RevalidationQueue.Unproven), new RevalidateTick(RevalidationQueue.Unproven), _settings.UnprovenRevalidationInterval);
        Timers.StartPeriodicTimer(new RevalidateTick(RevalidationQueue.Proven), new RevalidateTick(RevalidationQueue.Proven), _settings.ProvenRevalidationInterval);
        Timers.StartPeriodicTimer(RefreshTick.Instance, RefreshTick.Instance, _settings.RefreshInterval);
        Timers.StartPeriodicTimer(ExpireTick.Instance, ExpireTick.Instance, _settings.ExpireInterval);
        if (_db is WriteBehindNodeDatabase)
            Timers.StartPeriodicTimer(FlushTick.Instance, FlushTick.Instance, _settings.NodeDatabaseFlushInterval);
        Refresh();
    }

    protected override void PostStop()
    {
        _tableGauge?.Dispose();
        foreach (var reply in _pending.Clear())
            Timers.Cancel(new ReplyTimeout(reply.Id));
        _heldTimeouts.Clear();
        FailAllLookups();
        _transport?.Dispose();
        _db?.Dispose();
    }

    private void Send(Discv4Node to, Discv4Packet packet) => Transmit(to, Discv4Codec.Encode(packet, _settings.PrivateKey, _secp));

    private void Transmit(Discv4Node to, byte[] datagram)
    {
        if (to.Endpoint.UdpEndPoint is { } destination && IsAllowed(destination.Address))
        {
            _counters.Sent++;
            _metrics.DiscoveryPacket(received: false, PacketType(datagram), "sent");
            _transport.Send(destination, datagram);
        }
    }

    private ulong Expiration() => Discv4Expiration.From(Now, _settings.PacketExpiration);

    private bool IsAllowed(IPAddress ip) => _settings.NetRestrict is not { } nets || nets.Any(n => n.Contains(ip));

    private bool IsFresh(DateTimeOffset? at) => at is { } t && Now - t < _settings.EndpointProofLifetime;

    private static bool IsUnspecified(IPAddress ip) => ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any);

    private static IPAddress Plain(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;

    private IReadOnlyList<TableNodeInfo> TableSnapshot() =>
        _table.Entries.Select(e => new TableNodeInfo(e.Node, e.IsProven,
            e.LastSeenAt is { } seen ? new DateTimeOffset(DateTime.SpecifyKind(seen, DateTimeKind.Utc)) : null)).ToArray();
}
