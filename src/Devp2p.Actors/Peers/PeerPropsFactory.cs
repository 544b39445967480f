using Devp2p.Kernel;

namespace Devp2p.Actors.Peers;

/// <summary>
/// How the ServerActor makes the actor for one connection. The engine's is <c>PeerActor.Props</c>;
/// tests substitute a scripted peer to drive the checkpoints.
/// </summary>
public delegate Props PeerPropsFactory(PeerSetup setup, ServerSettings settings);
