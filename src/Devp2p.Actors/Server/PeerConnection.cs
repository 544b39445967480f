using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Server;

/// <summary>
/// The server's record of one PeerActor child, from spawn to Terminated: how it came (the setup),
/// who it turned out to be (after the post-handshake checkpoint), and its PeerInfo once added.
/// </summary>
internal sealed class PeerConnection(IActorRef actor, PeerSetup setup)
{
    public IActorRef Actor { get; } = actor;
    public PeerSetup Setup { get; } = setup;
    public bool Inbound => Setup.Inbound;

    /// <summary>Set when the post-handshake checkpoint passed.</summary>
    public NodeId? RemoteId { get; set; }

    /// <summary>The dialer was told this inbound connection is pending (so it must hear when it ends).</summary>
    public bool ReportedPendingInbound { get; set; }

    /// <summary>Set when the addPeer checkpoint passed: the peer is in the peer set.</summary>
    public PeerInfo? Info { get; set; }

    /// <summary>PeerClosed (or Terminated) was handled; nothing more is published for it.</summary>
    public bool Closed { get; set; }
}
