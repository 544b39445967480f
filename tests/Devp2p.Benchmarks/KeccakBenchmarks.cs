using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Benchmarks;

/// <summary>
/// Our Keccak-256 against .NET's SHA3_256 (OpenSSL's assembly Keccak-f underneath): the same
/// permutation with a different padding byte, so the ratio measures our permutation and call overhead.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private byte[] _data = [];
    private readonly byte[] _output = new byte[32];
    private readonly Keccak256Hasher _hasher = new();

    [Params(32, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!SHA3_256.IsSupported)
            throw new PlatformNotSupportedException("SHA3_256 is not supported by this platform's crypto library");
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public int Sha3_256() => SHA3_256.HashData(_data, _output);

    [Benchmark]
    public void Keccak256OneShot() => Keccak256.Hash(_data, _output);

    [Benchmark]
    public void Keccak256Incremental()
    {
        _hasher.Reset();
        _hasher.Update(_data);
        _hasher.GetCurrentDigest(_output);
    }
}
