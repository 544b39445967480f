using System.Net;
using Devp2p.Actors;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Protocols;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// Every engine setting in which a testnet node differs from geth's defaults, in one place. geth's
/// numbers pace a node meeting the internet over minutes; a testnet of N nodes on one loopback
/// address wants full connectivity in seconds and has no strangers to be careful with.
/// docs/cli.md (section testnet) lists the same values and reasons.
/// </summary>
internal static class TestnetTuning
{
    /// <summary>geth's MaxPeers default, kept: the convergence target is min(MaxPeers, N − 1).</summary>
    public const int MaxPeers = 50;

    /// <summary>
    /// geth 3. A full mesh needs as many inbound as dialed connections on average, so with MaxPeers 50
    /// a ratio of 3 (16 dialed) caps a mesh at 33 nodes; 2 (25 dialed, 25 inbound) lets 51 fit.
    /// </summary>
    public const int DialRatio = 2;

    /// <summary>
    /// geth 35 s. When two nodes dial each other at once, both dials can lose: each side's addPeer
    /// checkpoint already holds its own dial and rejects the other's with AlreadyConnected. Each node
    /// waits a different time, drawn from 1–3 s, before dialing the same node again, so the pair does
    /// not retry in lockstep and race again; and the retry comes after seconds, not 35.
    /// </summary>
    public static TimeSpan DialHistoryExpiration(Random random) => TimeSpan.FromMilliseconds(1000 + random.Next(2000));

    /// <summary>
    /// geth 30 min. Nodes that join after a node's first lookup are found by the next refresh
    /// (a self lookup and three random ones), 2 s later rather than half an hour;
    /// lookups in a network of at most 50 nodes cost a few hundred small datagrams.
    /// </summary>
    public static readonly TimeSpan DiscoveryRefreshInterval = TimeSpan.FromSeconds(2);

    /// <summary>
    /// geth 500 ms. Loopback loses no datagram, but 16–50 nodes bonding at once in one process keep the
    /// CPU busy (each packet is signed and its sender recovered); a Pong or Neighbors later than the
    /// deadline is dropped as unsolicited and its node not added. No testnet node is ever gone, so
    /// waiting longer costs nothing.
    /// </summary>
    public static readonly TimeSpan DiscoveryResponseTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The settings of node <paramref name="index"/>: loopback, port 0, message events on (for messages/s).</summary>
    public static ServerSettings Node(int index, byte[] privateKey, IReadOnlyList<EnodeUrl> bootnodes, ProtocolRegistration protocol, Random random) => new()
    {
        PrivateKey = privateKey,
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        MaxPeers = MaxPeers,
        DialRatio = DialRatio,
        DialHistoryExpiration = DialHistoryExpiration(random),
        BootstrapNodes = bootnodes,
        Protocols = [protocol],
        ClientId = $"devp2p-actors/testnet-node{index}",
        EnableMessageEvents = true,
    };

    /// <summary>Discovery with an in-memory node database (a testnet keeps nothing) and the short refresh.</summary>
    public static DiscoveryPropsFactory Discovery { get; } = (server, tcpPort) =>
        DiscoveryActor.Props(DiscoverySettings.FromServer(server, tcpPort, () => new InMemoryNodeDatabase()) with
        {
            RefreshInterval = DiscoveryRefreshInterval,
            ResponseTimeout = DiscoveryResponseTimeout,
        });
}
