using System.Text;
using Devp2p.Protocol.Eth;

namespace Devp2p.Protocol.Tests.Eth;

/// <summary>Fork id creation: EIP-2124's published vectors and go-ethereum's core/forkid TestCreation.</summary>
public sealed class ForkIdCreationTests
{
    /// <summary>Mainnet as EIP-2124 was written (forks through Petersburg), for the EIP's own vectors.</summary>
    internal static readonly ChainSpec Eip2124Mainnet = new(
        "eip2124-mainnet", 1, ChainSpec.Mainnet.GenesisHash, 0,
        [
            Fork.AtBlock("Homestead", 1_150_000), Fork.AtBlock("DAOFork", 1_920_000),
            Fork.AtBlock("TangerineWhistle", 2_463_000), Fork.AtBlock("SpuriousDragon", 2_675_000),
            Fork.AtBlock("Byzantium", 4_370_000), Fork.AtBlock("Constantinople", 7_280_000),
            Fork.AtBlock("Petersburg", 7_280_000),
        ]);

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Assert.Equal(0xCBF43926u, Crc32Ieee.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32Ieee.Compute([]));
        // Update continues a finished checksum: CRC(a ‖ b).
        Assert.Equal(0xCBF43926u, Crc32Ieee.Update(Crc32Ieee.Compute("1234"u8), "56789"u8));
    }

    [Fact]
    public void Mainnet_genesis_checksum_is_the_eip_value()
    {
        Assert.Equal(0xfc64ec04u, Crc32Ieee.Compute(ChainSpec.Mainnet.GenesisHash));
    }

    [Theory] // EIP-2124 "Test cases" for mainnet
    [InlineData(0UL, 0xfc64ec04u, 1150000UL)]
    [InlineData(1149999UL, 0xfc64ec04u, 1150000UL)]
    [InlineData(1150000UL, 0x97c2c34cu, 1920000UL)]
    [InlineData(1919999UL, 0x97c2c34cu, 1920000UL)]
    [InlineData(1920000UL, 0x91d1f948u, 2463000UL)]
    [InlineData(2462999UL, 0x91d1f948u, 2463000UL)]
    [InlineData(2463000UL, 0x7a64da13u, 2675000UL)]
    [InlineData(2674999UL, 0x7a64da13u, 2675000UL)]
    [InlineData(2675000UL, 0x3edd5b10u, 4370000UL)]
    [InlineData(4369999UL, 0x3edd5b10u, 4370000UL)]
    [InlineData(4370000UL, 0xa00bc324u, 7280000UL)]
    [InlineData(7279999UL, 0xa00bc324u, 7280000UL)]
    [InlineData(7280000UL, 0x668db0afu, 0UL)]
    [InlineData(7987396UL, 0x668db0afu, 0UL)]
    public void Eip2124_mainnet_vectors(ulong head, uint hash, ulong next) =>
        Assert.Equal(new ForkId(hash, next), Eip2124Mainnet.ForkIdAt(head, 0));

    [Theory] // go-ethereum core/forkid/forkid_test.go TestCreation, mainnet (head number, head time)
    [InlineData(0UL, 0UL, 0xfc64ec04u, 1150000UL)]
    [InlineData(1149999UL, 0UL, 0xfc64ec04u, 1150000UL)]
    [InlineData(1150000UL, 0UL, 0x97c2c34cu, 1920000UL)]
    [InlineData(1919999UL, 0UL, 0x97c2c34cu, 1920000UL)]
    [InlineData(1920000UL, 0UL, 0x91d1f948u, 2463000UL)]
    [InlineData(2462999UL, 0UL, 0x91d1f948u, 2463000UL)]
    [InlineData(2463000UL, 0UL, 0x7a64da13u, 2675000UL)]
    [InlineData(2674999UL, 0UL, 0x7a64da13u, 2675000UL)]
    [InlineData(2675000UL, 0UL, 0x3edd5b10u, 4370000UL)]
    [InlineData(4369999UL, 0UL, 0x3edd5b10u, 4370000UL)]
    [InlineData(4370000UL, 0UL, 0xa00bc324u, 7280000UL)]
    [InlineData(7279999UL, 0UL, 0xa00bc324u, 7280000UL)]
    [InlineData(7280000UL, 0UL, 0x668db0afu, 9069000UL)]
    [InlineData(9068999UL, 0UL, 0x668db0afu, 9069000UL)]
    [InlineData(9069000UL, 0UL, 0x879d6e30u, 9200000UL)]
    [InlineData(9199999UL, 0UL, 0x879d6e30u, 9200000UL)]
    [InlineData(9200000UL, 0UL, 0xe029e991u, 12244000UL)]
    [InlineData(12243999UL, 0UL, 0xe029e991u, 12244000UL)]
    [InlineData(12244000UL, 0UL, 0x0eb440f6u, 12965000UL)]
    [InlineData(12964999UL, 0UL, 0x0eb440f6u, 12965000UL)]
    [InlineData(12965000UL, 0UL, 0xb715077du, 13773000UL)]
    [InlineData(13772999UL, 0UL, 0xb715077du, 13773000UL)]
    [InlineData(13773000UL, 0UL, 0x20c327fcu, 15050000UL)]
    [InlineData(15049999UL, 0UL, 0x20c327fcu, 15050000UL)]
    [InlineData(15050000UL, 0UL, 0xf0afd0e3u, 1681338455UL)]
    [InlineData(20000000UL, 1681338454UL, 0xf0afd0e3u, 1681338455UL)]
    [InlineData(20000000UL, 1681338455UL, 0xdce96c2du, 1710338135UL)]
    [InlineData(30000000UL, 1710338134UL, 0xdce96c2du, 1710338135UL)]
    [InlineData(30000000UL, 1710338135UL, 0x9f3d2254u, 1746612311UL)]
    [InlineData(30000000UL, 1746022486UL, 0x9f3d2254u, 1746612311UL)]
    [InlineData(30000000UL, 1746612311UL, 0xc376cf8bu, 1764798551UL)]
    [InlineData(30000000UL, 1764798550UL, 0xc376cf8bu, 1764798551UL)]
    [InlineData(30000000UL, 1764798551UL, 0x5167e2a6u, 1765290071UL)]
    [InlineData(30000000UL, 1765290070UL, 0x5167e2a6u, 1765290071UL)]
    [InlineData(30000000UL, 1765290071UL, 0xcba2a1c0u, 1767747671UL)]
    [InlineData(30000000UL, 1767747670UL, 0xcba2a1c0u, 1767747671UL)]
    [InlineData(30000000UL, 1767747671UL, 0x07c9462eu, 0UL)]
    [InlineData(50000000UL, 2000000000UL, 0x07c9462eu, 0UL)]
    public void Geth_mainnet_vectors(ulong head, ulong time, uint hash, ulong next) =>
        Assert.Equal(new ForkId(hash, next), ChainSpec.Mainnet.ForkIdAt(head, time));

    [Theory] // go-ethereum TestCreation, Sepolia; Osaka/BPO1/BPO2 hashes as in geth's Fusaka release table and ethereumjs' common tests
    [InlineData(0UL, 1633267481UL, 0xfe3366e7u, 1735371UL)]
    [InlineData(1735370UL, 1661130096UL, 0xfe3366e7u, 1735371UL)]
    [InlineData(1735371UL, 1661130108UL, 0xb96cbd13u, 1677557088UL)]
    [InlineData(2990907UL, 1677557076UL, 0xb96cbd13u, 1677557088UL)]
    [InlineData(2990908UL, 1677557088UL, 0xf7f9bc08u, 1706655072UL)]
    [InlineData(5187022UL, 1706655060UL, 0xf7f9bc08u, 1706655072UL)]
    [InlineData(5187023UL, 1706655072UL, 0x88cf81d9u, 1741159776UL)]
    [InlineData(7844466UL, 1741159764UL, 0x88cf81d9u, 1741159776UL)]
    [InlineData(7844467UL, 1741159776UL, 0xed88b5fdu, 1760427360UL)]
    [InlineData(9000000UL, 1760427359UL, 0xed88b5fdu, 1760427360UL)]
    [InlineData(9000000UL, 1760427360UL, 0xe2ae4999u, 1761017184UL)]
    [InlineData(9000000UL, 1761017184UL, 0x56078a1eu, 1761607008UL)]
    [InlineData(9000000UL, 1761607008UL, 0x268956b6u, 0UL)]
    [InlineData(12000000UL, 1800000000UL, 0x268956b6u, 0UL)]
    public void Geth_sepolia_vectors(ulong head, ulong time, uint hash, ulong next) =>
        Assert.Equal(new ForkId(hash, next), ChainSpec.Sepolia.ForkIdAt(head, time));

    [Fact]
    public void Ethereumjs_mainnet_prague_id_is_what_INTEROP_md_records()
    {
        // @ethereumjs/devp2p with its mainnet default (hardfork prague) sends [0xc376cf8b, 1764798551].
        Assert.Equal(new ForkId(0xc376cf8b, 1764798551), ChainSpec.Mainnet.ForkIdAt(22_500_000, 1_750_000_000));
    }

    [Fact]
    public void Time_forks_at_or_before_genesis_are_part_of_the_genesis_rules()
    {
        // geth TestTimeBasedForkInGenesis: whatever the genesis hash, Shanghai at or before the genesis
        // time adds nothing to the checksum, and the next fork is the first one after it.
        const ulong time = 1690475657;
        var genesis = new byte[32];
        genesis[31] = 0x42;
        uint genesisSum = Crc32Ieee.Compute(genesis);
        (ulong Shanghai, ulong Cancun)[] cases = [(time - 1, time + 1), (time, time + 1), (time + 1, time + 2)];
        foreach (var (shanghai, cancun) in cases)
        {
            var spec = new ChainSpec("devnet", 1337, genesis, time,
                [Fork.AtBlock("Homestead", 0), Fork.AtBlock("London", 0), Fork.AtTime("Shanghai", shanghai), Fork.AtTime("Cancun", cancun)]);
            Assert.Equal(new ForkId(genesisSum, time + 1), spec.ForkIdAt(0, time));
        }
    }

    [Fact]
    public void Schedule_sorts_deduplicates_and_skips_genesis_forks()
    {
        var schedule = new ForkSchedule(
            [
                Fork.AtTime("B", 300), Fork.AtBlock("Y", 20), Fork.AtBlock("X", 10), Fork.AtBlock("Dup", 10),
                Fork.AtBlock("Genesis", 0), Fork.AtTime("A", 200), Fork.AtTime("AtGenesis", 100), Fork.AtTime("Dup", 300),
            ],
            genesisTime: 100);
        Assert.Equal([10UL, 20UL], schedule.BlockForks);
        Assert.Equal([200UL, 300UL], schedule.TimeForks);
        Assert.Equal([10UL, 20UL, 200UL, 300UL], schedule.All);
        Assert.Equal(8, schedule.Forks.Count);
    }

    [Fact]
    public void Built_in_chains_have_their_network_ids_and_genesis()
    {
        Assert.Equal(1UL, ChainSpec.Mainnet.NetworkId);
        Assert.Equal(11155111UL, ChainSpec.Sepolia.NetworkId);
        Assert.Equal(0xfe3366e7u, Crc32Ieee.Compute(ChainSpec.Sepolia.GenesisHash));
        Assert.Same(ChainSpec.Sepolia, ChainSpec.FromName("Sepolia"));
        Assert.Same(ChainSpec.Mainnet, ChainSpec.FromName("mainnet"));
        Assert.Null(ChainSpec.FromName("holesky"));
    }

    [Theory] // geth TestEncoding
    [InlineData(0u, 0UL, "c6840000000080")]
    [InlineData(0xdeadbeefu, 0xBADDCAFEUL, "ca84deadbeef84baddcafe")]
    [InlineData(uint.MaxValue, ulong.MaxValue, "ce84ffffffff88ffffffffffffffff")]
    public void Encoding_vectors(uint hash, ulong next, string hex)
    {
        var id = new ForkId(hash, next);
        Assert.Equal(hex, Convert.ToHexStringLower(id.Encode()));
        Assert.Equal(id, ForkId.Decode(Convert.FromHexString(hex)));
    }

    [Fact]
    public void ToString_shows_hash_and_next() =>
        Assert.Equal("0xc376cf8b/1764798551", new ForkId(0xc376cf8b, 1764798551).ToString());
}
