using System.Numerics;
using Devp2p.Protocol.Eth;

namespace Devp2p.Actors.Protocols.Eth;

/// <summary>
/// What GetPeers shows for eth on a peer once its Status was accepted (like geth's ethPeerInfo):
/// the version, network, head hash (0x-hex), total difficulty and fork id it announced.
/// </summary>
public sealed record EthPeerInfo(uint Version, ulong NetworkId, string HeadHash, BigInteger TotalDifficulty, ForkId ForkId)
{
    public static EthPeerInfo From(StatusMessage status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new EthPeerInfo(status.ProtocolVersion, status.NetworkId, "0x" + Convert.ToHexStringLower(status.BestHash),
            status.TotalDifficulty, status.ForkId);
    }
}
