using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Hosting;

/// <summary>
/// The hosted node for code that is not an actor: its identity, its peers, static and trusted peers, and
/// its peer events as an async stream. Each call is a message to the ServerActor (<see cref="Server"/>),
/// which actors may also talk to directly. Usable once the host has started.
/// </summary>
public interface IDevp2pNode
{
    /// <summary>True between a successful start and the stop.</summary>
    bool IsRunning { get; }

    /// <summary>The node as it started: id, enode URL with the real port, ENR, protocols.</summary>
    NodeInfo Info { get; }

    /// <summary>The actor system the node runs in.</summary>
    ActorSystem System { get; }

    /// <summary>The ServerActor (also in <see cref="IActorRegistry"/> under <c>ServerActor</c>).</summary>
    IActorRef Server { get; }

    /// <summary>The sub-protocols this node runs.</summary>
    IReadOnlyList<ProtocolRegistration> Protocols { get; }

    /// <summary>Events dropped, over every subscription, because a reader fell behind.</summary>
    long DroppedEvents { get; }

    /// <summary>The connected peers, sorted by id.</summary>
    Task<IReadOnlyList<PeerInfo>> GetPeersAsync(CancellationToken cancellationToken = default);

    /// <summary>Adds a static peer: dialed now and kept connected.</summary>
    Task AddPeerAsync(EnodeUrl node, CancellationToken cancellationToken = default);

    /// <summary>Removes a static peer and disconnects it if connected.</summary>
    Task RemovePeerAsync(NodeId node, CancellationToken cancellationToken = default);

    /// <summary>Admits the node past the peer limits.</summary>
    Task AddTrustedPeerAsync(EnodeUrl node, CancellationToken cancellationToken = default);

    /// <summary>Removes the trusted mark; a connected peer stays connected.</summary>
    Task RemoveTrustedPeerAsync(NodeId node, CancellationToken cancellationToken = default);

    /// <summary>Subscribes now to peer events (bounded buffer, oldest dropped); dispose to end.</summary>
    PeerEventSubscription SubscribeEvents();

    /// <summary>Peer events from the first MoveNextAsync on, until <paramref name="cancellationToken"/> or the node stops.</summary>
    IAsyncEnumerable<PeerEvent> ReadEventsAsync(CancellationToken cancellationToken = default);
}
