using System.Numerics;
using Devp2p.Protocol.Eth;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Eth;

public sealed class StatusMessageTests
{
    private const string MainnetGenesis = "d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3";

    // Status of a mainnet node at genesis, assembled by hand byte by byte:
    // f854 (list, 84 bytes) | 44 (68) | 01 (network 1) | 85 0400000000 (td 2^34, the genesis difficulty)
    // | a0 <genesis> (head) | a0 <genesis> | c9 84 fc64ec04 83 118c30 (fork id [0xfc64ec04, 1150000])
    private const string KnownStatus =
        "f854" + "44" + "01" + "850400000000" + "a0" + MainnetGenesis + "a0" + MainnetGenesis + "c984fc64ec0483118c30";

    private static StatusMessage GenesisStatus() => new(
        68, 1, new BigInteger(17179869184), Convert.FromHexString(MainnetGenesis), ChainSpec.Mainnet.GenesisHash,
        ChainSpec.Mainnet.ForkIdAt(0, 0));

    [Fact]
    public void Encodes_the_known_bytes()
    {
        Assert.Equal(KnownStatus, Convert.ToHexStringLower(GenesisStatus().Encode()));
    }

    [Fact]
    public void Decodes_the_known_bytes()
    {
        var status = StatusMessage.Decode(Convert.FromHexString(KnownStatus));
        Assert.Equal(68u, status.ProtocolVersion);
        Assert.Equal(1UL, status.NetworkId);
        Assert.Equal(new BigInteger(17179869184), status.TotalDifficulty);
        Assert.Equal(MainnetGenesis, Convert.ToHexStringLower(status.BestHash));
        Assert.Equal(MainnetGenesis, Convert.ToHexStringLower(status.GenesisHash));
        Assert.Equal(new ForkId(0xfc64ec04, 1150000), status.ForkId);
    }

    [Fact]
    public void Matches_the_bytes_ethereumjs_sends_for_sepolia_at_prague()
    {
        // The Status @ethereumjs/devp2p 10.0.0 builds for Sepolia at its default hardfork (prague), td 0,
        // head = genesis, RLP-encoded by @ethereumjs/rlp (captured from tests/interop).
        const string ethereumjs = "f8534483aa36a780a025a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"
            + "a025a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9ca84ed88b5fd8468edfd60";
        var ours = new StatusMessage(68, ChainSpec.Sepolia.NetworkId, 0, ChainSpec.Sepolia.GenesisHash, ChainSpec.Sepolia.GenesisHash,
            ChainSpec.Sepolia.ForkIdAt(7_900_000, 1_750_000_000));
        Assert.Equal(ethereumjs, Convert.ToHexStringLower(ours.Encode()));
        Assert.Equal(new ForkId(0xed88b5fd, 1760427360), StatusMessage.Decode(Convert.FromHexString(ethereumjs)).ForkId);
    }

    [Theory]
    [InlineData(68u, 1UL, "0", 0u, 0UL)]
    [InlineData(68u, 11155111UL, "1", 0xe2ae4999u, 1761017184UL)]
    [InlineData(0u, ulong.MaxValue, "58750000000000000000000", uint.MaxValue, ulong.MaxValue)]
    [InlineData(uint.MaxValue, 0UL, "115792089237316195423570985008687907853269984665640564039457584007913129639935", 1u, 1UL)] // td 2^256-1
    public void Round_trips(uint version, ulong network, string td, uint forkHash, ulong forkNext)
    {
        var best = new byte[32];
        best[0] = 0x80;
        best[31] = 0x01;
        var original = new StatusMessage(version, network, BigInteger.Parse(td, System.Globalization.CultureInfo.InvariantCulture),
            best, ChainSpec.Sepolia.GenesisHash, new ForkId(forkHash, forkNext));
        var decoded = StatusMessage.Decode(original.Encode());
        Assert.Equal(original.ProtocolVersion, decoded.ProtocolVersion);
        Assert.Equal(original.NetworkId, decoded.NetworkId);
        Assert.Equal(original.TotalDifficulty, decoded.TotalDifficulty);
        Assert.True(decoded.BestHash.SequenceEqual(best));
        Assert.True(decoded.GenesisHash.SequenceEqual(ChainSpec.Sepolia.GenesisHash));
        Assert.Equal(original.ForkId, decoded.ForkId);
        Assert.Equal(original.Encode(), decoded.Encode());
    }

    [Fact]
    public void Extra_trailing_fields_are_ignored_eip8()
    {
        // Same Status with an extra element in the fork id and two extra elements at the end
        // (what a newer peer might add), re-wrapped in a longer list.
        var content = Convert.FromHexString(KnownStatus)[2..^10];
        var forkIdWithExtra = Convert.FromHexString("cb84fc64ec0483118c30" + "01");
        var payload = RlpCodec.WrapList([.. content, .. forkIdWithExtra, .. RlpCodec.EncodeUInt64(7), .. RlpCodec.EncodeList(RlpCodec.EncodeBytes([1, 2]))]);
        var status = StatusMessage.Decode(payload);
        Assert.Equal(new ForkId(0xfc64ec04, 1150000), status.ForkId);
        Assert.Equal(MainnetGenesis, Convert.ToHexStringLower(status.GenesisHash));
    }

    [Theory]
    [InlineData("", "end")]                                    // nothing at all
    [InlineData("80", "list")]                                 // a string, not a list
    [InlineData("c0", "end")]                                  // an empty list
    [InlineData("c3440101", "end")]                            // version, network, td: no hashes
    [InlineData("f854440185", "")]                             // truncated
    public void Malformed_input_is_an_EthMessageException(string hex, string hint)
    {
        var ex = Assert.Throws<EthMessageException>(() => StatusMessage.Decode(Convert.FromHexString(hex)));
        Assert.IsType<RlpException>(ex.InnerException);
        Assert.StartsWith("eth: malformed Status message: rlp: ", ex.Message);
        Assert.Contains(hint, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Wrong_hash_lengths_and_non_canonical_integers_are_rejected()
    {
        string genesis = "a0" + MainnetGenesis;
        string shortHash = "9f" + MainnetGenesis[2..];             // 31-byte head hash
        string shortForkHash = "c883fc64ec83118c30";                // 3-byte fork hash
        string[] bad =
        [
            Wrap("44" + "01" + "80" + shortHash + genesis + "c984fc64ec0483118c30"),
            Wrap("44" + "01" + "80" + genesis + genesis + shortForkHash),
            Wrap("820044" + "01" + "80" + genesis + genesis + "c984fc64ec0483118c30"), // version with a leading zero
            Wrap("44" + "01" + "80" + genesis + genesis + "84fc64ec04"),               // fork id not a list
            KnownStatus + "00",                                                      // bytes after the Status
        ];
        foreach (var hex in bad)
            Assert.Throws<EthMessageException>(() => StatusMessage.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void Constructor_rejects_bad_hashes()
    {
        Assert.Throws<ArgumentException>(() => new StatusMessage(68, 1, 0, new byte[31], new byte[32], default));
        Assert.Throws<ArgumentException>(() => new StatusMessage(68, 1, 0, new byte[32], new byte[33], default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StatusMessage(68, 1, -1, new byte[32], new byte[32], default));
    }

    [Fact]
    public void ToString_names_every_field()
    {
        var text = GenesisStatus().ToString();
        Assert.Contains("eth/68", text);
        Assert.Contains("network 1", text);
        Assert.Contains("forkid 0xfc64ec04/1150000", text);
    }

    private static string Wrap(string contentHex) => Convert.ToHexStringLower(RlpCodec.WrapList(Convert.FromHexString(contentHex)));
}
