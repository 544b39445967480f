using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.NodeDatabase;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;
using static Devp2p.Actors.Configuration.SettingReader;

namespace Devp2p.Actors.Configuration;

/// <summary>
/// Reads the <c>devp2p.discovery</c> section: discv4's timers and limits and the node database's row
/// caps. Identity, addresses and bootnodes come from <c>devp2p.server</c> (<see cref="DiscoverySettings.FromServer"/>);
/// this section tunes the rest. Bad values fail at start-up naming the key and where it was written.
/// </summary>
public static class DiscoverySettingsConfig
{
    /// <summary>The section read.</summary>
    public const string Section = "devp2p.discovery";

    /// <summary>The tunables of <c>devp2p.discovery</c> over <paramref name="settings"/> (which holds the key and addresses).</summary>
    public static DiscoverySettings Apply(Config config, DiscoverySettings settings)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        var c = Read(config);
        return settings with
        {
            ResponseTimeout = Duration(c, "response-timeout"),
            PacketExpiration = Duration(c, "packet-expiration"),
            EndpointProofLifetime = Duration(c, "endpoint-proof-lifetime"),
            RefreshInterval = Duration(c, "refresh-interval"),
            RandomLookupsPerRefresh = AtLeast(c, "random-lookups-per-refresh", 0),
            UnprovenRevalidationInterval = Duration(c, "unproven-revalidation-interval"),
            ProvenRevalidationInterval = Duration(c, "proven-revalidation-interval"),
            SeedMaxAge = Duration(c, "seed-max-age"),
            SeedCount = AtLeast(c, "seed-count", 0),
            NodeExpiration = Duration(c, "node-expiration"),
            ExpireInterval = Duration(c, "expire-interval"),
            MaxFindNodeFailures = AtLeast(c, "max-findnode-failures", 1),
            MaxConcurrentLookups = AtLeast(c, "max-concurrent-lookups", 1),
            TableIpLimits = c.GetBoolean("table-ip-limits"),
            NodeDatabaseFlushInterval = Duration(c, "node-db.flush-interval"),
        };
    }

    /// <summary>The row caps of the SQLite node database (<c>devp2p.discovery.node-db</c>).</summary>
    public static NodeDatabaseLimits NodeDatabaseLimits(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = Read(config).GetConfig("node-db");
        return new NodeDatabaseLimits
        {
            MaxNodes = AtLeast(c, "max-nodes", 1),
            MaxProofs = AtLeast(c, "max-proofs", 1),
        };
    }

    /// <summary>
    /// The discovery factory for the ServerActor with this section applied: the SQLite node database in
    /// <see cref="ServerSettings.NodeDatabasePath"/> (in memory without one) unless <paramref name="database"/> says otherwise.
    /// Every value is read here, once, so a bad one fails before the server starts.
    /// </summary>
    public static DiscoveryPropsFactory Factory(Config config, Func<ServerSettings, INodeDatabase>? database = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var limits = NodeDatabaseLimits(config);
        var tuned = Apply(config, new DiscoverySettings { PrivateKey = new byte[32] });
        database ??= server => SqliteNodeDatabase.Open(server.NodeDatabasePath, limits);
        return (server, tcpPort) =>
        {
            var basic = DiscoverySettings.FromServer(server, tcpPort, () => database(server));
            return DiscoveryActor.Props(tuned with
            {
                PrivateKey = basic.PrivateKey,
                ListenEndPoint = basic.ListenEndPoint,
                TcpPort = basic.TcpPort,
                AdvertisedIp = basic.AdvertisedIp,
                Bootnodes = basic.Bootnodes,
                NetRestrict = basic.NetRestrict,
                NodeDatabaseFactory = basic.NodeDatabaseFactory,
            });
        };
    }

    private static Config Read(Config config) => config.WithFallback(ActorSystemSettings.Reference).GetConfig(Section);
}
