using System.Net;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// Pools of valid signed discv4 datagrams, one per packet type, built once from constant seeds
/// (signing per case would make the discv4 targets crypto-bound): IPv4 and IPv6 endpoints, ENR
/// sequence numbers present or not, extra list elements, Neighbors with 0–12 nodes.
/// </summary>
internal static class Discv4Packets
{
    public const int PerType = 16;

    private static readonly Lazy<Dictionary<Discv4PacketType, byte[][]>> Pools = new(() =>
        Enum.GetValues<Discv4PacketType>().ToDictionary(t => t, t => Enumerable.Range(0, PerType).Select(i => Build(t, i)).ToArray()));

    public static byte[] Pick(Discv4PacketType type, FuzzCaseRandom random) => Pools.Value[type][random.Next(PerType)];

    private static byte[] Build(Discv4PacketType type, int index)
    {
        var random = new FuzzCaseRandom(FuzzSeed.ForCase(FuzzSeed.Default, "discv4-pool-" + type, index));
        IReadOnlyList<byte[]>? rest = random.Chance(1, 4) ? [Devp2p.Protocol.Rlp.RlpCodec.EncodeBytes(random.Bytes(random.Next(8)))] : null;
        ulong expiration = random.Sample(FuzzGenerators.UInt64);
        ulong? seq = random.Chance(1, 2) ? random.Sample(FuzzGenerators.UInt64) : null;
        Discv4Packet packet = type switch
        {
            Discv4PacketType.Ping => new PingPacket(Discv4Constants.Version, Endpoint(random), Endpoint(random), expiration, seq, rest),
            Discv4PacketType.Pong => new PongPacket(Endpoint(random), random.Bytes(32), expiration, seq, rest),
            Discv4PacketType.FindNode => new FindNodePacket(NodeId.FromBytes(random.Bytes(64)), expiration, rest),
            Discv4PacketType.Neighbors => new NeighborsPacket(
                Enumerable.Range(0, random.Next(13)).Select(_ => new Discv4Node(NodeId.FromBytes(random.Bytes(64)), Endpoint(random))).ToList(), expiration, rest),
            Discv4PacketType.EnrRequest => new EnrRequestPacket(expiration, rest),
            _ => new EnrResponsePacket(random.Bytes(32), EnrRecords.Pick(random), rest),
        };
        return Discv4Codec.Encode(packet, TestKeys.Private(index));
    }

    private static NodeEndpoint Endpoint(FuzzCaseRandom random) =>
        new(new IPAddress(random.Bytes(random.Chance(1, 3) ? 16 : 4)), (ushort)random.Next(65536), (ushort)random.Next(65536));
}
