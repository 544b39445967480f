using System.Net;
using Devp2p.Actors.Protocols;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors;

/// <summary>
/// Everything a <c>ServerActor</c> and its children are configured with. Defaults are
/// go-ethereum's (p2p.Config and the constants of server.go, dial.go, peer.go, transport.go),
/// so a node built with <c>new ServerSettings { PrivateKey = key }</c> behaves like geth's.
/// Immutable: the server copies what it changes at runtime (static and trusted sets).
/// </summary>
public sealed record ServerSettings
{
    /// <summary>The node key: 32-byte secp256k1 private key. Its public key is the node id.</summary>
    public required byte[] PrivateKey { get; init; }

    /// <summary>TCP listen address; port 0 picks a free port (reported by GetNodeInfo). Null: do not listen.</summary>
    public IPEndPoint? ListenEndPoint { get; init; } = new(IPAddress.Any, 30303);

    /// <summary>Total peer limit (geth MaxPeers).</summary>
    public int MaxPeers { get; init; } = 50;

    /// <summary>Handshakes in flight, applied separately to inbound connections and outbound dials (geth MaxPendingPeers).</summary>
    public int MaxPendingPeers { get; init; } = 50;

    /// <summary>At most MaxPeers / DialRatio peers are dialed by us (at least one); the rest are inbound.</summary>
    public int DialRatio { get; init; } = 3;

    /// <summary>Never dial; only accept.</summary>
    public bool NoDial { get; init; }

    /// <summary>Do not start discovery.</summary>
    public bool NoDiscovery { get; init; }

    /// <summary>Nodes kept connected: dialed first and redialed forever with backoff.</summary>
    public IReadOnlyList<EnodeUrl> StaticNodes { get; init; } = [];

    /// <summary>Nodes admitted past the peer limits (and dialed if also static).</summary>
    public IReadOnlyList<EnodeUrl> TrustedNodes { get; init; } = [];

    /// <summary>Discovery entry points.</summary>
    public IReadOnlyList<EnodeUrl> BootstrapNodes { get; init; } = [];

    /// <summary>When set, only these networks are dialed, accepted and discovered (geth NetRestrict).</summary>
    public IReadOnlyList<IpPrefix>? NetRestrict { get; init; }

    /// <summary>The sub-protocols this node runs; a peer sharing none of them is useless.</summary>
    public IReadOnlyList<ProtocolRegistration> Protocols { get; init; } = [];

    /// <summary>The client id sent in Hello.</summary>
    public string ClientId { get; init; } = "devp2p-actors";

    /// <summary>Directory of the node database; null keeps it in memory.</summary>
    public string? NodeDatabasePath { get; init; }

    /// <summary>Publish a <c>PeerMessageEvent</c> per message sent and received.</summary>
    public bool EnableMessageEvents { get; init; }

    /// <summary>Deadline of the RLPx enc handshake (auth/ack).</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of the protocol handshake (our Hello out, theirs in).</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Interval of our p2p Ping while running.</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A running peer that sends nothing for this long is dropped with ReadTimeout.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A single frame write that takes longer drops the peer.</summary>
    public TimeSpan WriteTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long our Disconnect may take to flush before the socket closes.</summary>
    public TimeSpan DisconnectGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages queued for writing per peer; a peer that stops reading is dropped when it overflows.</summary>
    public int WriteQueueCapacity { get; init; } = 1024;

    /// <summary>TCP connect deadline of one dial.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Dials in flight at most (geth maxActiveDials = defaultMaxPendingPeers).</summary>
    public int MaxActiveDials { get; init; } = 50;

    /// <summary>The same node is not dialed again within this window (geth dialHistoryExpiration).</summary>
    public TimeSpan DialHistoryExpiration { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>The same IP may not connect inbound again within this window; loopback and LAN exempt.</summary>
    public TimeSpan InboundThrottle { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Status (or any first sub-protocol message a protocol waits for) deadline; used by the samples.</summary>
    public TimeSpan ProtocolHandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
