using Devp2p.Actors.Dialer;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Peers;

namespace Devp2p.Actors.Server;

/// <summary>
/// The parts a ServerActor is assembled from. Only the peer factory is required (the engine passes
/// PeerActor.Props); the rest default to production choices, and tests swap them for fakes.
/// </summary>
public sealed record ServerComponents(PeerPropsFactory Peers)
{
    /// <summary>Makes the discovery child once the TCP port is known; null runs without discovery (static dials only).</summary>
    public DiscoveryPropsFactory? Discovery { get; init; }

    /// <summary>Opens the dialer's TCP connections.</summary>
    public ITcpConnector Connector { get; init; } = TcpConnector.Instance;

    /// <summary>First restart delay of a failed listener, dialer or discovery child (doubles per failure in a row).</summary>
    public TimeSpan ChildMinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest restart delay of a failed listener, dialer or discovery child.</summary>
    public TimeSpan ChildMaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long GetNodeInfo waits for discovery's record before building one itself.</summary>
    public TimeSpan LocalRecordTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Randomness of the dialer (static-node order); null uses Random.Shared.</summary>
    public Random? DialRandom { get; init; }
}
