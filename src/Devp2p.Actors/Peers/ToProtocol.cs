namespace Devp2p.Actors.Peers;

/// <summary>
/// From the server to a running PeerActor: forward <see cref="Message"/> to the protocol actor named
/// <see cref="Protocol"/>, keeping the sender. No such protocol: the sender gets Status.Failure.
/// </summary>
public sealed record ToProtocol(string Protocol, object Message);

/// <summary>
/// Carried by <see cref="ToProtocol"/>: instead of forwarding it, a running PeerActor answers the sender with a
/// <see cref="Server.ProtocolActorRef"/> for that protocol's actor (how the ServerActor serves GetProtocolActor).
/// </summary>
public sealed record ProtocolActorQuery
{
    public static ProtocolActorQuery Instance { get; } = new();
}
