using BenchmarkDotNet.Attributes;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Benchmarks;

/// <summary>
/// RLP encode and decode of what devp2p actually sends: a discv4 Neighbors-like payload
/// (12 nodes of [ip, udp, tcp, 64-byte id] plus an expiration) and a 1 KiB byte string.
/// The span paths should report zero allocations.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 5)]
public class RlpBenchmarks
{
    private const int NodeCount = 12;
    private const ulong Expiration = 1_700_000_000;

    private readonly byte[][] _ips = new byte[NodeCount][];
    private readonly byte[][] _ids = new byte[NodeCount][];
    private readonly ushort[] _ports = new ushort[NodeCount];
    private readonly byte[] _kibibyte = new byte[1024];
    private byte[] _neighbors = [];
    private byte[] _encodedKibibyte = [];
    private byte[] _buffer = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (int i = 0; i < NodeCount; i++)
        {
            _ips[i] = [10, 0, (byte)i, (byte)(i + 1)];
            _ids[i] = new byte[64];
            random.NextBytes(_ids[i]);
            _ports[i] = (ushort)(30303 + i);
        }
        random.NextBytes(_kibibyte);
        _neighbors = EncodeNeighborsToArray();
        _encodedKibibyte = RlpCodec.EncodeBytes(_kibibyte);
        _buffer = new byte[4096];
    }

    [Benchmark(Description = "Neighbors: measure + encode into span")]
    public int EncodeNeighborsSpan() => WriteNeighbors(_buffer);

    [Benchmark(Description = "Neighbors: measure + encode to new array")]
    public byte[] EncodeNeighborsArray() => EncodeNeighborsToArray();

    [Benchmark(Description = "Neighbors: decode with RlpReader")]
    public ulong DecodeNeighbors()
    {
        var packet = RlpCodec.OpenList(_neighbors);
        var nodes = packet.EnterList();
        ulong sum = 0;
        while (nodes.HasMore)
        {
            var node = nodes.EnterList();
            sum += node.ReadFixedBytes(4)[3];
            sum += node.ReadUInt16();
            sum += node.ReadUInt16();
            sum += node.ReadFixedBytes(64)[0];
        }
        sum += packet.ReadUInt64();
        return sum;
    }

    [Benchmark(Description = "Neighbors: full strict Validate")]
    public void ValidateNeighbors() => RlpCodec.Validate(_neighbors);

    [Benchmark(Description = "Neighbors: RlpItem.Decode (tree)")]
    public RlpItem DecodeNeighborsTree() => RlpItem.Decode(_neighbors);

    [Benchmark(Description = "1 KiB string: encode into span")]
    public int EncodeKibibyte()
    {
        var writer = new RlpWriter(_buffer);
        writer.WriteBytes(_kibibyte);
        return writer.Position;
    }

    [Benchmark(Description = "1 KiB string: decode")]
    public int DecodeKibibyte() => RlpCodec.DecodeBytes(_encodedKibibyte).Length;

    private byte[] EncodeNeighborsToArray()
    {
        var result = new byte[RlpCodec.LengthOfList(NeighborsContentLength(out _))];
        WriteNeighbors(result);
        return result;
    }

    private int NeighborsContentLength(out int nodesContent)
    {
        nodesContent = 0;
        for (int i = 0; i < NodeCount; i++)
            nodesContent += RlpCodec.LengthOfList(NodeContentLength(i));
        return RlpCodec.LengthOfList(nodesContent) + RlpCodec.LengthOfUInt64(Expiration);
    }

    private int NodeContentLength(int i) =>
        RlpCodec.LengthOfBytes(_ips[i]) + RlpCodec.LengthOfUInt64(_ports[i]) * 2 + RlpCodec.LengthOfBytes(_ids[i]);

    private int WriteNeighbors(Span<byte> destination)
    {
        int content = NeighborsContentLength(out int nodesContent);
        var writer = new RlpWriter(destination);
        writer.WriteListHeader(content);
        writer.WriteListHeader(nodesContent);
        for (int i = 0; i < NodeCount; i++)
        {
            writer.WriteListHeader(NodeContentLength(i));
            writer.WriteBytes(_ips[i]);
            writer.WriteUInt64(_ports[i]);
            writer.WriteUInt64(_ports[i]);
            writer.WriteBytes(_ids[i]);
        }
        writer.WriteUInt64(Expiration);
        return writer.Position;
    }
}
