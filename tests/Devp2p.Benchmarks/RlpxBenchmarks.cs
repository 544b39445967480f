using BenchmarkDotNet.Attributes;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Benchmarks;

/// <summary>
/// A whole RLPx handshake (initiator and recipient machines in one process, no I/O) against the
/// EC floor: the secp256k1 operations one handshake performs, timed on the same backend in the
/// same run — 8 ECDH (per side: static-static token, ECIES encrypt, ECIES decrypt, ephemeral-ephemeral
/// secret), 3 public-key derivations (recipient's ephemeral key, one ECIES ephemeral key per side;
/// the initiator's static public key is the node's, known before it dials), 1 sign, 1 recover.
/// Ratio = EcFloor / Handshake.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class RlpxHandshakeBenchmarks
{
    private ISecp256k1 _secp = null!;
    private readonly byte[] _keyA = Secp256k1.GeneratePrivateKey();
    private readonly byte[] _keyB = Secp256k1.GeneratePrivateKey();
    private byte[] _pubA = [];
    private byte[] _pubB = [];
    private readonly byte[] _out64 = new byte[64];
    private readonly byte[] _out32 = new byte[32];
    private readonly byte[] _sig = new byte[65];
    private readonly byte[] _hash = Keccak256.Hash("floor"u8);
    private byte[] _validSig = [];

    [Params("native", "managed")]
    public string Backend { get; set; } = "native";

    [GlobalSetup]
    public void Setup()
    {
        _secp = Secp256k1.Create(Backend);
        _pubA = _secp.CreatePublicKey(_keyA);
        _pubB = _secp.CreatePublicKey(_keyB);
        _validSig = _secp.Sign(_keyA, _hash);
    }

    [Benchmark]
    public RlpxSecrets Handshake()
    {
        var initiator = new InitiatorHandshake(_keyA, _pubB, secp: _secp, staticPublicKey: _pubA);
        var recipient = new RecipientHandshake(_keyB, secp: _secp);
        var auth = initiator.CreateAuth();
        recipient.Receive(auth.AsSpan(0, recipient.BytesWanted));
        recipient.Receive(auth.AsSpan(2));
        var ack = recipient.AckPacket;
        initiator.Receive(ack.AsSpan(0, initiator.BytesWanted));
        initiator.Receive(ack.AsSpan(2));
        return initiator.Secrets;
    }

    [Benchmark(Baseline = true)]
    public void EcFloor()
    {
        for (int i = 0; i < 8; i++)
            _secp.Ecdh(_keyA, _pubB, _out32);
        for (int i = 0; i < 3; i++)
            _secp.CreatePublicKey(_keyA, _out64);
        _secp.Sign(_keyA, _hash, _sig);
        _secp.RecoverPublicKey(_validSig, _hash, _out64);
    }
}

/// <summary>
/// One frame encoded (AES-256-CTR + egress MAC) and decoded (ingress MAC check + decrypt) per
/// operation, against Keccak-256 alone over the same bytes: once (<c>KeccakOnce</c>) and twice
/// (<c>KeccakTwice</c>, the absorbing that encode and decode each must do). Must not allocate.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class RlpxFrameBenchmarks
{
    private RlpxSession _a = null!;
    private RlpxSession _b = null!;
    private byte[] _payload = [];
    private byte[] _frame = [];
    private readonly Keccak256Hasher _hasher = new();
    private readonly byte[] _digest = new byte[32];

    [Params(64, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var keyB = Secp256k1.GeneratePrivateKey();
        var initiator = new InitiatorHandshake(Secp256k1.GeneratePrivateKey(), Secp256k1.Default.CreatePublicKey(keyB));
        var recipient = new RecipientHandshake(keyB);
        var auth = initiator.CreateAuth();
        recipient.Receive(auth.AsSpan(0, 2));
        recipient.Receive(auth.AsSpan(2));
        initiator.Receive(recipient.AckPacket.AsSpan(0, 2));
        initiator.Receive(recipient.AckPacket.AsSpan(2));
        _a = new RlpxSession(initiator.Secrets);
        _b = new RlpxSession(recipient.Secrets);
        _payload = new byte[Size];
        new Random(1).NextBytes(_payload);
        _frame = new byte[FrameWriter.FrameLength(0x10, Size)];
    }

    [Benchmark]
    public int EncodeDecode()
    {
        int length = _a.Writer.WriteFrame(0x10, _payload, _frame);
        int size = _b.Reader.ReadHeader(_frame.AsSpan(0, FrameReader.HeaderLength));
        return _b.Reader.ReadBody(_frame.AsSpan(FrameReader.HeaderLength, length - FrameReader.HeaderLength)).Length + size;
    }

    [Benchmark(Baseline = true)]
    public void KeccakOnce()
    {
        _hasher.Update(_payload);
        _hasher.GetCurrentDigest(_digest);
    }

    private AesCtr _ctr = null!;

    /// <summary>The issue-8 floor for a round trip: Keccak-256 and AES-256-CTR over the bytes, once each way.</summary>
    [Benchmark]
    public void KeccakAesFloor()
    {
        _ctr ??= new AesCtr(new byte[32]);
        for (int i = 0; i < 2; i++)
        {
            _hasher.Update(_payload);
            _hasher.GetCurrentDigest(_digest);
            _ctr.Transform(_payload);
        }
    }

    [Benchmark]
    public void KeccakTwice()
    {
        _hasher.Update(_payload);
        _hasher.GetCurrentDigest(_digest);
        _hasher.Update(_payload);
        _hasher.GetCurrentDigest(_digest);
    }
}

/// <summary>
/// Snappy on the RLPx payload sizes: ours (span-based, into a reused buffer) against IronSnappy (the
/// previous dependency, array-returning), on incompressible and on compressible data.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class SnappyBenchmarks
{
    private byte[] _data = [];
    private byte[] _compressed = [];
    private byte[] _room = [];
    private byte[] _output = [];

    [Params(1024, 65536)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool Compressible { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(1).NextBytes(_data);
        if (Compressible)
            for (int i = 0; i < Size; i++)
                _data[i] = (byte)(i % 97 < 60 ? 0 : _data[i]);
        _compressed = SnappyCodec.Compress(_data);
        _room = new byte[SnappyCodec.MaxCompressedLength(Size)];
        _output = new byte[Size];
    }

    [Benchmark]
    public int OursCompress() => SnappyCodec.CompressInto(_data, _room);

    [Benchmark(Baseline = true)]
    public int IronSnappyCompress() => IronSnappy.Snappy.Encode(_data).Length;

    [Benchmark]
    public int OursDecompress() => SnappyCodec.DecompressInto(_compressed, _output, int.MaxValue);

    [Benchmark]
    public int IronSnappyDecompress() => IronSnappy.Snappy.Decode(_compressed).Length;
}

/// <summary>
/// AES-256-CTR over RLPx frame sizes (a header, a small body, 1 KiB, 64 KiB): the AES-NI path (the
/// default where the CPU has it) against the platform (OpenSSL ECB over counter blocks) fallback.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
[MemoryDiagnoser]
public class AesCtrBenchmarks
{
    private AesCtr _hardware = null!;
    private AesCtr _platform = null!;
    private byte[] _data = [];

    [Params(16, 80, 1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _hardware = new AesCtr(new byte[32], default, allowHardware: true);
        _platform = new AesCtr(new byte[32], default, allowHardware: false);
        _data = new byte[Size];
    }

    [Benchmark]
    public void AesNi() => _hardware.Transform(_data);

    [Benchmark(Baseline = true)]
    public void Platform() => _platform.Transform(_data);
}
