using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>Deterministic node ids at chosen log distances from a local id (found by trying random keys).</summary>
internal sealed class TableTestNodes
{
    private readonly Random _random;
    private int _nextPublic = 1;

    public TableTestNodes(int seed)
    {
        _random = new Random(seed);
        Self = PacketFactory.RandomId(_random);
    }

    public NodeId Self { get; }

    public Random Random => _random;

    /// <summary>An id at exactly <paramref name="distance"/> from <see cref="Self"/> (≥ 244 keeps the search short).</summary>
    public NodeId IdAt(int distance)
    {
        while (true)
        {
            var id = PacketFactory.RandomId(_random);
            if (NodeDistance.LogDistance(Self, id) == distance)
                return id;
        }
    }

    /// <summary>A node at <paramref name="distance"/> on <paramref name="ip"/>, or on a fresh public /24 when null.</summary>
    public Discv4Node NodeAt(int distance, string? ip = null) =>
        new(IdAt(distance), IPAddress.Parse(ip ?? NextPublicIp()), 30303, 30303);

    /// <summary>An address in a /24 no other call returned: 20.x.y.1.</summary>
    public string NextPublicIp()
    {
        int n = _nextPublic++;
        return $"20.{n / 256}.{n % 256}.1";
    }
}
