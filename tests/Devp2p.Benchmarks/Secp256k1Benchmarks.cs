using BenchmarkDotNet.Attributes;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Benchmarks;

/// <summary>Each secp256k1 operation devp2p uses, on the native (libsecp256k1) and managed (BouncyCastle) backends.</summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class Secp256k1Benchmarks
{
    private ISecp256k1 _secp = null!;
    private readonly byte[] _privateKey = Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");
    private readonly byte[] _peerPublicKey = Convert.FromHexString(
        "fda1cff674c90c9a197539fe3dfb53086ace64f83ed7c6eabec741f7f381cc803e52ab2cd55d5569bce4347107a310dfd5f88a010cd2ffd1005ca406f1842877");
    private readonly byte[] _hash = Keccak256.Hash("devp2p benchmark"u8);
    private readonly byte[] _publicKey = new byte[64];
    private readonly byte[] _shared = new byte[32];
    private readonly byte[] _signature = new byte[65];
    private byte[] _validSignature = [];

    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    [GlobalSetup]
    public void Setup()
    {
        _secp = Secp256k1.Create(Backend);
        _validSignature = _secp.Sign(_privateKey, _hash);
    }

    [Benchmark]
    public void CreatePublicKey() => _secp.CreatePublicKey(_privateKey, _publicKey);

    [Benchmark]
    public void Ecdh() => _secp.Ecdh(_privateKey, _peerPublicKey, _shared);

    [Benchmark]
    public void Sign() => _secp.Sign(_privateKey, _hash, _signature);

    [Benchmark]
    public void Recover() => _secp.RecoverPublicKey(_validSignature, _hash, _publicKey);
}
