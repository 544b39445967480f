using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Benchmarks;

/// <summary>
/// A discv4 Ping encoded and signed, and decoded with its signer recovered, against the raw
/// secp256k1 sign and recover on the same backend (the floor: everything else is framing, RLP
/// and two or three Keccak-256 hashes). Each category's ratio is packet / raw.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class Discv4Benchmarks
{
    private readonly byte[] _privateKey = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    private readonly byte[] _hash = Keccak256.Hash("devp2p discv4 benchmark"u8);
    private readonly byte[] _signature = new byte[65];
    private readonly byte[] _publicKey = new byte[64];
    private readonly byte[] _buffer = new byte[Discv4Constants.MaxPacketSize];
    private ISecp256k1 _secp = null!;
    private PingPacket _ping = null!;
    private byte[] _encodedPing = [];
    private byte[] _validSignature = [];

    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    [GlobalSetup]
    public void Setup()
    {
        _secp = Secp256k1.Create(Backend);
        _ping = new PingPacket(
            new NodeEndpoint(IPAddress.Parse("203.0.113.7"), 30303, 30303),
            new NodeEndpoint(IPAddress.Parse("198.51.100.2"), 30303, 30303),
            expiration: 1_800_000_000,
            enrSeq: 42);
        _encodedPing = Discv4Codec.Encode(_ping, _privateKey, _secp);
        _validSignature = _secp.Sign(_privateKey, _hash);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("sign")]
    public void RawSign() => _secp.Sign(_privateKey, _hash, _signature);

    [Benchmark, BenchmarkCategory("sign")]
    public int PingEncodeSign() => Discv4Codec.Encode(_ping, _privateKey, _buffer, _secp);

    [Benchmark(Baseline = true), BenchmarkCategory("recover")]
    public void RawRecover() => _secp.RecoverPublicKey(_validSignature, _hash, _publicKey);

    [Benchmark, BenchmarkCategory("recover")]
    public Discv4DecodedPacket PingDecodeRecover() => Discv4Codec.Decode(_encodedPing, _secp);
}
