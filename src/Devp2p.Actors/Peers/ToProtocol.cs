namespace Devp2p.Actors.Peers;

/// <summary>
/// From the server to a running PeerActor: forward <see cref="Message"/> to the protocol actor named
/// <see cref="Protocol"/>, keeping the sender. No such protocol: the sender gets Status.Failure.
/// </summary>
public sealed record ToProtocol(string Protocol, object Message);
