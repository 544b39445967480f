using Devp2p.Protocol.Eth;

namespace Devp2p.Protocol.Tests.Eth;

/// <summary>Fork id validation: EIP-2124's rule vectors and go-ethereum's core/forkid TestValidation.</summary>
public sealed class ForkFilterTests
{
    private const ForkIdValidation Ok = ForkIdValidation.Accepted;
    private const ForkIdValidation Stale = ForkIdValidation.RemoteStale;
    private const ForkIdValidation Incompatible = ForkIdValidation.LocalIncompatibleOrStale;

    /// <summary>geth's legacyConfig: mainnet with every time fork removed (block forks through Gray Glacier).</summary>
    private static readonly ChainSpec LegacyMainnet = new(
        "legacy-mainnet", 1, ChainSpec.Mainnet.GenesisHash, 0,
        ChainSpec.Mainnet.Schedule.Forks.Where(f => f.Activation == ForkActivation.Block));

    [Theory] // EIP-2124 "Validation rules" test cases (mainnet known through Petersburg)
    [InlineData(7987396UL, 0x668db0afu, 0UL, Ok)]            // same fork, no future fork announced
    [InlineData(7987396UL, 0x668db0afu, ulong.MaxValue, Ok)] // same fork, uncertain future fork
    [InlineData(7279999UL, 0xa00bc324u, 0UL, Ok)]            // both in Byzantium, remote unaware of Petersburg
    [InlineData(7279999UL, 0xa00bc324u, 7280000UL, Ok)]      // both in Byzantium, both aware of Petersburg
    [InlineData(7279999UL, 0xa00bc324u, ulong.MaxValue, Ok)] // both in Byzantium, remote knows a random fork
    [InlineData(7987396UL, 0xa00bc324u, 7280000UL, Ok)]      // remote in Byzantium knowing Petersburg: remote syncing
    [InlineData(7987396UL, 0x3edd5b10u, 4370000UL, Ok)]      // remote in Spurious knowing Byzantium: remote syncing
    [InlineData(7279999UL, 0x668db0afu, 0UL, Ok)]            // remote in Petersburg: local syncing
    [InlineData(4369999UL, 0xa00bc324u, 0UL, Ok)]            // remote in Byzantium, local in Spurious
    [InlineData(7987396UL, 0xa00bc324u, 0UL, Stale)]         // remote in Byzantium, unaware of Petersburg
    [InlineData(7987396UL, 0x5cddc0e1u, 0UL, Incompatible)]  // remote Petersburg + unknown fork
    [InlineData(7279999UL, 0x5cddc0e1u, 0UL, Incompatible)]
    [InlineData(7987396UL, 0xafec6b27u, 0UL, Incompatible)]  // remote is Rinkeby Petersburg
    public void Eip2124_vectors(ulong head, uint hash, ulong next, ForkIdValidation expected) =>
        Assert.Equal(expected, ForkIdCreationTests.Eip2124Mainnet.Filter.Validate(new ForkId(hash, next), head, 0));

    [Theory] // geth TestValidation, block based (legacy config)
    [InlineData(15050000UL, 0xf0afd0e3u, 0UL, Ok)]
    [InlineData(15050000UL, 0xf0afd0e3u, ulong.MaxValue, Ok)]
    [InlineData(7279999UL, 0xa00bc324u, 0UL, Ok)]
    [InlineData(7279999UL, 0xa00bc324u, 7280000UL, Ok)]
    [InlineData(7279999UL, 0xa00bc324u, ulong.MaxValue, Ok)]
    [InlineData(7280000UL, 0xa00bc324u, 7280000UL, Ok)]
    [InlineData(7987396UL, 0xa00bc324u, 7280000UL, Ok)]
    [InlineData(7987396UL, 0x3edd5b10u, 4370000UL, Ok)]
    [InlineData(7279999UL, 0x668db0afu, 0UL, Ok)]
    [InlineData(4369999UL, 0xa00bc324u, 0UL, Ok)]
    [InlineData(7987396UL, 0xa00bc324u, 0UL, Stale)]
    [InlineData(7987396UL, 0x5cddc0e1u, 0UL, Incompatible)]
    [InlineData(7279999UL, 0x5cddc0e1u, 0UL, Incompatible)]
    [InlineData(7987396UL, 0xafec6b27u, 0UL, Incompatible)]
    [InlineData(88888888UL, 0xf0afd0e3u, 88888888UL, Incompatible)] // remote-only fork already passed locally (1a)
    [InlineData(7279999UL, 0xa00bc324u, 7279999UL, Incompatible)]   // remote fork before Petersburg, already at its block
    public void Geth_block_based_vectors(ulong head, uint hash, ulong next, ForkIdValidation expected) =>
        Assert.Equal(expected, LegacyMainnet.Filter.Validate(new ForkId(hash, next), head, 0));

    [Theory] // geth TestValidation, block to timestamp transition and timestamp based (full mainnet)
    [InlineData(15050000UL, 0UL, 0xf0afd0e3u, 0UL, Ok)]
    [InlineData(15050000UL, 0UL, 0xf0afd0e3u, 1681338455UL, Ok)]
    [InlineData(15050000UL, 0UL, 0xf0afd0e3u, ulong.MaxValue, Ok)]
    [InlineData(20000000UL, 1681338455UL, 0xf0afd0e3u, 1681338455UL, Ok)]
    [InlineData(20123456UL, 1681338456UL, 0xf0afd0e3u, 1681338455UL, Ok)]
    [InlineData(20000000UL, 1681338455UL, 0x20c327fcu, 15050000UL, Ok)]
    [InlineData(15050000UL, 0UL, 0xdce96c2du, 0UL, Ok)]
    [InlineData(13773000UL, 0UL, 0xf0afd0e3u, 0UL, Ok)]
    [InlineData(20000000UL, 1681338455UL, 0xf0afd0e3u, 0UL, Stale)]
    [InlineData(888888888UL, 1660000000UL, 0xf0afd0e3u, 1660000000UL, Incompatible)]
    [InlineData(19999999UL, 1667999999UL, 0xf0afd0e3u, 1667999999UL, Incompatible)]
    [InlineData(20000000UL, 1681338455UL, 0xdce96c2du, 0UL, Ok)]
    [InlineData(20000000UL, 1681338455UL, 0xdce96c2du, ulong.MaxValue, Ok)]
    [InlineData(20000000UL, 1668000000UL, 0xdce96c2du, 0UL, Ok)]
    [InlineData(20000000UL, 1668000000UL, 0xdce96c2du, 1710338135UL, Ok)]
    [InlineData(20000000UL, 1668000000UL, 0xdce96c2du, ulong.MaxValue, Ok)]
    [InlineData(21000000UL, 1710338135UL, 0xdce96c2du, 1710338135UL, Ok)]
    [InlineData(21123456UL, 1710338136UL, 0xdce96c2du, 1710338135UL, Ok)]
    [InlineData(0UL, 0UL, 0x3edd5b10u, 1710338135UL, Ok)]
    [InlineData(21000000UL, 1700000000UL, 0x9f3d2254u, 0UL, Ok)]
    [InlineData(21000000UL, 1678000000UL, 0xc376cf8bu, 0UL, Ok)]
    [InlineData(21000000UL, 1710338135UL, 0xdce96c2du, 0UL, Stale)]
    [InlineData(20000000UL, 1681338455UL, 0x12345678u, 0UL, Incompatible)]
    [InlineData(88888888UL, 8888888888UL, 0x07c9462eu, 8888888888UL, Incompatible)]
    [InlineData(20999999UL, 1699999999UL, 0x71147644u, 1700000000UL, Incompatible)]
    public void Geth_time_based_vectors(ulong head, ulong time, uint hash, ulong next, ForkIdValidation expected) =>
        Assert.Equal(expected, ChainSpec.Mainnet.Filter.Validate(new ForkId(hash, next), head, time));

    [Fact]
    public void Geth_unknown_future_forks_are_rejected()
    {
        // A remote that passed one fork more than we know of (the checksum of our last state plus an
        // unknown fork) is incompatible, by block and by time.
        var filter = ChainSpec.Mainnet.Filter;
        Assert.Equal(Incompatible, LegacyMainnet.Filter.Validate(new ForkId(ForkId.ChecksumUpdate(0xf0afd0e3, ulong.MaxValue), 0), 15050000, 0));
        Assert.Equal(Incompatible, filter.Validate(new ForkId(ForkId.ChecksumUpdate(0xf0afd0e3, ulong.MaxValue), 0), 15050000, 0));
        Assert.Equal(Incompatible, filter.Validate(new ForkId(ForkId.ChecksumUpdate(0xdce96c2d, ulong.MaxValue), 0), 15050000, 0));
        Assert.Equal(Incompatible, filter.Validate(new ForkId(ForkId.ChecksumUpdate(0xdce96c2d, ulong.MaxValue), 0), 20000000, 1681338455));
        Assert.Equal(Incompatible, filter.Validate(new ForkId(ForkId.ChecksumUpdate(0x9f3d2254, ulong.MaxValue), 0), 20000000, 1668000000));
    }

    [Fact]
    public void Every_own_fork_id_is_accepted_at_the_same_head()
    {
        // Property over the built-in schedules: a peer in exactly our state is always accepted.
        foreach (var spec in new[] { ChainSpec.Mainnet, ChainSpec.Sepolia })
        {
            ulong lastBlock = spec.Schedule.BlockForks.Count == 0 ? 0 : spec.Schedule.BlockForks[^1];
            foreach (ulong block in spec.Schedule.BlockForks)
                foreach (ulong n in new[] { block - 1, block })
                    Assert.Equal(Ok, spec.Filter.Validate(spec.ForkIdAt(n, spec.GenesisTime), n, spec.GenesisTime));
            foreach (ulong time in spec.Schedule.TimeForks)
                foreach (ulong t in new[] { time - 1, time })
                    Assert.Equal(Ok, spec.Filter.Validate(spec.ForkIdAt(lastBlock, t), lastBlock, t));
        }
    }

    [Fact]
    public void Mainnet_at_osaka_accepts_an_ethereumjs_prague_peer_that_knows_osaka()
    {
        // Rule 2: the remote is one fork behind and names our next fork correctly.
        Assert.Equal(Ok, ChainSpec.Mainnet.Filter.Validate(new ForkId(0xc376cf8b, 1764798551), 24_000_000, 1_800_000_000));
        // ... but without Osaka it needs an update.
        Assert.Equal(Stale, ChainSpec.Mainnet.Filter.Validate(new ForkId(0xc376cf8b, 0), 24_000_000, 1_800_000_000));
        // A Sepolia peer is never compatible with mainnet.
        Assert.Equal(Incompatible, ChainSpec.Mainnet.Filter.Validate(ChainSpec.Sepolia.ForkIdAt(9_000_000, 1_800_000_000), 24_000_000, 1_800_000_000));
    }

    [Fact]
    public void Results_describe_themselves_with_geths_words()
    {
        Assert.Equal("remote needs update", Stale.Describe());
        Assert.Equal("local incompatible or needs update", Incompatible.Describe());
    }
}
