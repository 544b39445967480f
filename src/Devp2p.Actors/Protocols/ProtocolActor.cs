using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols;

/// <summary>
/// Base class of a sub-protocol actor: one instance per peer per shared capability, a child of the
/// PeerActor. Incoming messages arrive as <see cref="ProtocolMessage"/> (register a handler for it);
/// <see cref="Send"/> writes with local codes. The actor's life is the peer's: when the peer goes, the
/// actor is stopped; when the actor stops on its own the peer is disconnected (Quitting), and when it
/// throws, the peer is disconnected with SubprotocolError.
/// </summary>
public abstract class ProtocolActor : ReceiveActor
{
    protected ProtocolActor(ProtocolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Peer = context;
    }

    /// <summary>The peer this instance serves.</summary>
    protected ProtocolContext Peer { get; }

    /// <summary>
    /// Queues one message for the peer, straight into its write queue (no PeerActor hop) when the PeerActor
    /// started this actor. The payload is read later, on the writer's task: do not change it after sending.
    /// Codes at or beyond the capability's length are a programming error.
    /// </summary>
    protected void Send(ulong code, ReadOnlyMemory<byte> payload)
    {
        if (code >= (ulong)Peer.Capability.Length)
            throw new ArgumentOutOfRangeException(nameof(code), code,
                $"{Peer.Capability.Name}/{Peer.Capability.Version} has {Peer.Capability.Length} message codes");
        if (Peer.Outlet is { } outlet)
            outlet.Send(code, payload);
        else
            Peer.Peer.Tell(new ProtocolSend(Peer.Capability.Name, code, payload), Self);
    }

    /// <summary>Ends the connection: the peer sends Disconnect(reason) and closes.</summary>
    protected void Disconnect(DisconnectReason reason) =>
        Peer.Peer.Tell(new ProtocolDisconnect(Peer.Capability.Name, reason), Self);

    /// <summary>Publishes what GetPeers shows for this protocol on this peer.</summary>
    protected void PublishInfo(object info) =>
        Peer.Peer.Tell(new ProtocolInfoUpdate(Peer.Capability.Name, info), Self);
}
