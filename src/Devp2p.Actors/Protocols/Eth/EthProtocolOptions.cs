using Devp2p.Protocol.Eth;

namespace Devp2p.Actors.Protocols.Eth;

/// <summary>
/// What the eth/68 Status actor needs: which chain we are on, where our head is, and how long the
/// remote may take to send its Status (geth's handshakeTimeout, 5 s).
/// </summary>
public sealed record EthProtocolOptions(ChainSpec Chain, EthHead Head)
{
    public static readonly TimeSpan DefaultStatusTimeout = TimeSpan.FromSeconds(5);

    public TimeSpan StatusTimeout { get; init; } = DefaultStatusTimeout;

    /// <summary>Options for a node sitting at the genesis block of <paramref name="chain"/>.</summary>
    public static EthProtocolOptions AtGenesis(ChainSpec chain) => new(chain, EthHead.Genesis(chain, 0));

    /// <summary>The Status this node sends.</summary>
    public StatusMessage LocalStatus(uint version) => new(
        version, Chain.NetworkId, Head.TotalDifficulty, Head.Hash.Span, Chain.GenesisHash, Chain.ForkIdAt(Head.Number, Head.Time));
}
