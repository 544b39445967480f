using Devp2p.Actors.Diagnostics;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

/// <summary>
/// A protocol actor's direct line into its peer's write queue: <c>ProtocolActor.Send</c> queues the frame
/// itself instead of telling the PeerActor a <see cref="Protocols.ProtocolSend"/>, so an echoed or answered
/// message crosses one mailbox less. Bound to one capability when the PeerActor starts the protocol actor, so
/// the checks the PeerActor made per message (sender serves that protocol, code in range) hold by
/// construction. A full queue still closes the peer: the PeerActor is told <see cref="WriteQueueFull"/>.
/// A closing peer's queue refuses quietly (what is queued then is dropped anyway). Not used when
/// ServerSettings.EnableMessageEvents is on: the PeerActor publishes those events in order itself.
/// </summary>
internal sealed class ProtocolOutlet
{
    private readonly PeerFrameWriter _writer;
    private readonly MatchedCapability _capability;
    private readonly IActorRef _peer;
    private readonly NodeMetrics _metrics;

    public ProtocolOutlet(PeerFrameWriter writer, MatchedCapability capability, IActorRef peer, NodeMetrics metrics)
    {
        _writer = writer;
        _capability = capability;
        _peer = peer;
        _metrics = metrics;
    }

    /// <summary>Queues one message with the protocol's local <paramref name="code"/> (already checked against its length).</summary>
    public void Send(ulong code, ReadOnlyMemory<byte> payload)
    {
        if (!CapabilityRoutes.TryToWire(_capability, code, out var wire))
            throw new ArgumentOutOfRangeException(nameof(code), code, $"{_capability.Capability} has {_capability.Length} message codes");
        if (_writer.TryEnqueue(wire, payload))
            _metrics.Message(_capability.Name, payload.Length, received: false);
        else if (!_writer.IsFinishing)
            _peer.Tell(WriteQueueFull.Instance, ActorRefs.NoSender);
    }
}
