namespace Devp2p.Actors.Protocols.Eth;

/// <summary>Asks an <see cref="EthStatusActor"/> (e.g. through ToProtocol) for its <see cref="EthPeerStats"/>.</summary>
public sealed class GetEthPeerStats
{
    public static GetEthPeerStats Instance { get; } = new();

    private GetEthPeerStats() { }
}

/// <summary>
/// The eth actor's counters: whether the Status handshake completed, and how many eth messages
/// after it were received and ignored (this sample answers no requests).
/// </summary>
public sealed record EthPeerStats(bool HandshakeCompleted, long IgnoredMessages);
