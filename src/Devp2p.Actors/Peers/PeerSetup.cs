using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Peers;

/// <summary>
/// What a PeerActor is born with: a connected transport it owns from the first byte to the last
/// (it disposes it), the direction, and for a dial the node we meant to reach (the enc handshake
/// authenticates exactly that key). Streams rather than sockets, so tests can hand in a pipe.
/// </summary>
public sealed record PeerSetup(
    Stream Stream,
    bool Inbound,
    IPEndPoint? RemoteEndPoint,
    IPEndPoint? LocalEndPoint,
    NodeId? DialDestination)
{
    /// <summary>Which of the server's lists the node is on; reported in PeerInfo.</summary>
    public bool Static { get; init; }
}
