using System.Net;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// Configuration of one <see cref="DiscoveryActor"/>. Defaults are go-ethereum's discv4 constants;
/// tests shorten the refresh and revalidation intervals and swap the transport for an in-memory one.
/// </summary>
public sealed record DiscoverySettings
{
    /// <summary>The node key (32 bytes); its public key is our id.</summary>
    public required byte[] PrivateKey { get; init; }

    /// <summary>UDP listen endpoint; port 0 picks a free port.</summary>
    public IPEndPoint ListenEndPoint { get; init; } = new(IPAddress.Any, 30303);

    /// <summary>The TCP port written to our record and Pings; 0 when we do not accept connections.</summary>
    public int TcpPort { get; init; }

    /// <summary>The IP written to our record; null takes the listen address unless it is unspecified (then no "ip").</summary>
    public IPAddress? AdvertisedIp { get; init; }

    /// <summary>Entry points, used when the table is empty and at every refresh.</summary>
    public IReadOnlyList<EnodeUrl> Bootnodes { get; init; } = [];

    /// <summary>When set, only nodes in these networks are contacted or kept (geth NetRestrict).</summary>
    public IReadOnlyList<IpPrefix>? NetRestrict { get; init; }

    /// <summary>Made in PreStart, disposed in PostStop; null uses an <see cref="InMemoryNodeDatabase"/>.</summary>
    public Func<INodeDatabase>? NodeDatabaseFactory { get; init; }

    /// <summary>
    /// A SQLite node database gets a <see cref="NodeDatabase.WriteBehindNodeDatabase"/> in front: proof writes
    /// wait in memory at most this long (also the flush timer's period) and are written on stop.
    /// Zero writes through, one commit per write.
    /// </summary>
    public TimeSpan NodeDatabaseFlushInterval { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Opens the socket in PreStart; default binds a real UDP socket.</summary>
    public Func<IPEndPoint, IUdpTransport> TransportFactory { get; init; } = ep => new SocketUdpTransport(ep);

    /// <summary>How long we wait for a Pong, Neighbors or ENRResponse (geth respTimeout).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Lifetime written into our packets' expiration field.</summary>
    public TimeSpan PacketExpiration { get; init; } = Discv4Constants.DefaultExpiration;

    /// <summary>How long a Pong proves an endpoint (geth bondExpiration).</summary>
    public TimeSpan EndpointProofLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Table refresh: a self lookup plus <see cref="RandomLookupsPerRefresh"/> random lookups.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Random-target lookups per refresh, after the self lookup.</summary>
    public int RandomLookupsPerRefresh { get; init; } = 3;

    /// <summary>How often an unproven table entry (new, or a promoted replacement) is pinged.</summary>
    public TimeSpan UnprovenRevalidationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the stalest proven table entry is pinged.</summary>
    public TimeSpan ProvenRevalidationInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Database nodes younger than this seed the table at start (geth seedMaxAge, 5 days).</summary>
    public TimeSpan SeedMaxAge { get; init; } = TimeSpan.FromDays(5);

    /// <summary>How many database nodes seed the table (geth seedCount).</summary>
    public int SeedCount { get; init; } = 30;

    /// <summary>Database nodes not seen for this long are deleted (geth dbNodeExpiration).</summary>
    public TimeSpan NodeExpiration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often expired database nodes are deleted (geth dbCleanupCycle).</summary>
    public TimeSpan ExpireInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>FindNode failures after which a node leaves the table (geth maxFindnodeFailures).</summary>
    public int MaxFindNodeFailures { get; init; } = 5;

    /// <summary>Lookups running at once; further requests queue.</summary>
    public int MaxConcurrentLookups { get; init; } = 3;

    /// <summary>Received datagrams waiting for the actor at most; more are shed and counted as <see cref="DiscoveryDrop.Overloaded"/>.</summary>
    public int IntakeCapacity { get; init; } = 1024;

    /// <summary>Kademlia /24 limits; tests on one loopback address turn them off (loopback is exempt anyway).</summary>
    public bool TableIpLimits { get; init; } = true;

    /// <summary>Seeds the table's random choices, for reproducible tests.</summary>
    public int? RandomSeed { get; init; }

    /// <summary>Builds discovery settings from the server's, with the TCP port the listener got.</summary>
    public static DiscoverySettings FromServer(ServerSettings server, int tcpPort, Func<INodeDatabase>? database = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var listen = server.ListenEndPoint ?? new IPEndPoint(IPAddress.Any, 0);
        return new DiscoverySettings
        {
            PrivateKey = server.PrivateKey,
            ListenEndPoint = new IPEndPoint(listen.Address, listen.Port == 0 ? tcpPort : listen.Port),
            TcpPort = tcpPort,
            Bootnodes = server.BootstrapNodes,
            NetRestrict = server.NetRestrict,
            NodeDatabaseFactory = database,
        };
    }
}
