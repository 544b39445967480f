using Devp2p.Protocol.Eth;

namespace Devp2p.Protocol.Tests.Eth;

/// <summary>The eth handshake's checks on a remote Status, in geth's order and words.</summary>
public sealed class StatusCheckTests
{
    private static readonly ChainSpec Chain = ChainSpec.Mainnet;
    private const ulong HeadNumber = 24_000_000, HeadTime = 1_770_000_000; // after BPO2

    private static StatusMessage Remote(uint version = 68, ulong network = 1, byte[]? genesis = null, ForkId? forkId = null) =>
        new(version, network, 0, new byte[32], genesis ?? Chain.GenesisHash.ToArray(), forkId ?? Chain.ForkIdAt(HeadNumber, HeadTime));

    private static StatusCheckResult Check(StatusMessage remote) => StatusCheck.Check(remote, 68, Chain, HeadNumber, HeadTime);

    [Fact]
    public void Same_chain_and_head_is_ok() => Assert.True(Check(Remote()).IsOk);

    [Fact]
    public void Network_id_is_checked_first()
    {
        var result = Check(Remote(version: 67, network: 5, genesis: new byte[32]));
        Assert.Equal(StatusError.NetworkIdMismatch, result.Error);
        Assert.Equal("network ID mismatch: 5 (!= 1)", result.Message);
    }

    [Fact]
    public void Version_then_genesis_then_fork_id()
    {
        Assert.Equal(StatusError.ProtocolVersionMismatch, Check(Remote(version: 67, genesis: new byte[32])).Error);
        Assert.Equal("protocol version mismatch: 67 (!= 68)", Check(Remote(version: 67)).Message);
        Assert.Equal(StatusError.GenesisMismatch, Check(Remote(genesis: new byte[32], forkId: new ForkId(1, 0))).Error);
        var rejected = Check(Remote(forkId: new ForkId(0x12345678, 0)));
        Assert.Equal(StatusError.ForkIdRejected, rejected.Error);
        Assert.StartsWith("fork ID rejected: local incompatible or needs update", rejected.Message);
        var stale = Check(Remote(forkId: new ForkId(0xc376cf8b, 0)));
        Assert.StartsWith("fork ID rejected: remote needs update", stale.Message);
    }

    [Fact]
    public void Head_and_total_difficulty_are_not_checked()
    {
        var remote = new StatusMessage(68, 1, 123456789, Enumerable.Repeat((byte)0xab, 32).ToArray(), Chain.GenesisHash, Chain.ForkIdAt(HeadNumber, HeadTime));
        Assert.True(Check(remote).IsOk);
    }
}
