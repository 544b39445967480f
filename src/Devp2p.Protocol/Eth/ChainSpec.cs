namespace Devp2p.Protocol.Eth;

/// <summary>
/// What two eth peers must agree on before they talk: the network id, the genesis block and the
/// fork schedule (from which the EIP-2124 fork id follows). <see cref="Mainnet"/> and
/// <see cref="Sepolia"/> are built in with the numbers of go-ethereum's params/config.go; any other
/// chain is made with the constructor.
/// </summary>
public sealed class ChainSpec
{
    public const int HashLength = 32;

    private readonly byte[] _genesisHash;

    public ChainSpec(string name, ulong networkId, ReadOnlySpan<byte> genesisHash, ulong genesisTime, IEnumerable<Fork> forks)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (genesisHash.Length != HashLength)
            throw new ArgumentException($"genesis hash must be {HashLength} bytes", nameof(genesisHash));
        Name = name;
        NetworkId = networkId;
        _genesisHash = genesisHash.ToArray();
        GenesisTime = genesisTime;
        Schedule = new ForkSchedule(forks, genesisTime);
        Filter = new ForkFilter(_genesisHash, Schedule);
    }

    public string Name { get; }

    /// <summary>Sent in Status; for the public networks it equals the chain id.</summary>
    public ulong NetworkId { get; }

    /// <summary>The genesis block hash, 32 bytes.</summary>
    public ReadOnlySpan<byte> GenesisHash => _genesisHash;

    /// <summary>The genesis block timestamp: time forks at or before it are part of the genesis rules.</summary>
    public ulong GenesisTime { get; }

    public ForkSchedule Schedule { get; }

    /// <summary>The fork id filter for this chain (stateless: the local head is passed to each call).</summary>
    public ForkFilter Filter { get; }

    /// <summary>The fork id of this chain with its head at <paramref name="headNumber"/> / <paramref name="headTime"/>.</summary>
    public ForkId ForkIdAt(ulong headNumber, ulong headTime) => ForkId.Compute(_genesisHash, Schedule, headNumber, headTime);

    /// <summary>Ethereum mainnet (network 1) through Osaka and the BPO1/BPO2 blob-parameter forks.</summary>
    public static ChainSpec Mainnet { get; } = new(
        "mainnet",
        1,
        Convert.FromHexString("d4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"),
        0,
        [
            Fork.AtBlock("Homestead", 1_150_000),
            Fork.AtBlock("DAOFork", 1_920_000),
            Fork.AtBlock("TangerineWhistle", 2_463_000), // EIP-150
            Fork.AtBlock("EIP155", 2_675_000),
            Fork.AtBlock("SpuriousDragon", 2_675_000),   // EIP-158
            Fork.AtBlock("Byzantium", 4_370_000),
            Fork.AtBlock("Constantinople", 7_280_000),
            Fork.AtBlock("Petersburg", 7_280_000),
            Fork.AtBlock("Istanbul", 9_069_000),
            Fork.AtBlock("MuirGlacier", 9_200_000),
            Fork.AtBlock("Berlin", 12_244_000),
            Fork.AtBlock("London", 12_965_000),
            Fork.AtBlock("ArrowGlacier", 13_773_000),
            Fork.AtBlock("GrayGlacier", 15_050_000),
            Fork.AtTime("Shanghai", 1681338455),
            Fork.AtTime("Cancun", 1710338135),
            Fork.AtTime("Prague", 1746612311),
            Fork.AtTime("Osaka", 1764798551),
            Fork.AtTime("BPO1", 1765290071),
            Fork.AtTime("BPO2", 1767747671),
        ]);

    /// <summary>The Sepolia test network (network 11155111) through Osaka and BPO1/BPO2.</summary>
    public static ChainSpec Sepolia { get; } = new(
        "sepolia",
        11_155_111,
        Convert.FromHexString("25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9"),
        1633267481,
        [
            Fork.AtBlock("Homestead", 0),
            Fork.AtBlock("TangerineWhistle", 0),
            Fork.AtBlock("EIP155", 0),
            Fork.AtBlock("SpuriousDragon", 0),
            Fork.AtBlock("Byzantium", 0),
            Fork.AtBlock("Constantinople", 0),
            Fork.AtBlock("Petersburg", 0),
            Fork.AtBlock("Istanbul", 0),
            Fork.AtBlock("MuirGlacier", 0),
            Fork.AtBlock("Berlin", 0),
            Fork.AtBlock("London", 0),
            Fork.AtBlock("MergeNetsplit", 1_735_371),
            Fork.AtTime("Shanghai", 1677557088),
            Fork.AtTime("Cancun", 1706655072),
            Fork.AtTime("Prague", 1741159776),
            Fork.AtTime("Osaka", 1760427360),
            Fork.AtTime("BPO1", 1761017184),
            Fork.AtTime("BPO2", 1761607008),
        ]);

    /// <summary>The built-in chain called <paramref name="name"/> (mainnet, sepolia; case-insensitive), or null.</summary>
    public static ChainSpec? FromName(string name) => name?.ToLowerInvariant() switch
    {
        "mainnet" => Mainnet,
        "sepolia" => Sepolia,
        _ => null,
    };

    public override string ToString() => $"{Name} (network {NetworkId})";
}
