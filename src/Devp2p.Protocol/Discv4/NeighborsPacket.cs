using System.Net;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Neighbors (type 4): <c>[[node, ...], expiration, ...]</c> with each node
/// <c>[ip, udp, tcp, id]</c>, the reply to <see cref="FindNodePacket"/>. A reply of 16 nodes
/// does not fit in 1280 bytes; <see cref="Split"/> cuts it into packets of at most
/// <see cref="Discv4Constants.MaxNeighbors"/> (12). Received packets may be larger (ethereumjs
/// sends 16 nodes in one ~1,370-byte datagram).
/// </summary>
public sealed class NeighborsPacket : Discv4Packet
{
    public NeighborsPacket(IReadOnlyList<Discv4Node> nodes, ulong expiration, IReadOnlyList<byte[]>? rest = null)
        : this(nodes, expiration, rest, checkRest: true)
    {
    }

    private NeighborsPacket(IReadOnlyList<Discv4Node> nodes, ulong expiration, IReadOnlyList<byte[]>? rest, bool checkRest)
        : base(checkRest ? CheckRest(rest) : rest)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        foreach (var node in nodes)
            ArgumentNullException.ThrowIfNull(node, nameof(nodes));
        Nodes = nodes;
        ExpirationTime = expiration;
    }

    public override Discv4PacketType Type => Discv4PacketType.Neighbors;

    /// <summary>The nodes, in the order sent (closest to the FindNode target first, by convention).</summary>
    public IReadOnlyList<Discv4Node> Nodes { get; }

    /// <summary>Unix seconds.</summary>
    public ulong ExpirationTime { get; }

    public override ulong? Expiration => ExpirationTime;

    /// <summary>
    /// Cuts a reply into packets of at most <paramref name="maxPerPacket"/> nodes, as
    /// go-ethereum does: an empty reply is still one (empty) packet, so the asker learns that
    /// the recipient knows nobody rather than waiting for its timeout.
    /// </summary>
    public static IEnumerable<NeighborsPacket> Split(IEnumerable<Discv4Node> nodes, ulong expiration, int maxPerPacket = 0)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (maxPerPacket <= 0)
            maxPerPacket = Discv4Constants.MaxNeighbors;
        var batch = new List<Discv4Node>(maxPerPacket);
        bool sent = false;
        foreach (var node in nodes)
        {
            batch.Add(node);
            if (batch.Count == maxPerPacket)
            {
                yield return new NeighborsPacket(batch.ToArray(), expiration);
                batch.Clear();
                sent = true;
            }
        }
        if (batch.Count > 0 || !sent)
            yield return new NeighborsPacket(batch.ToArray(), expiration);
    }

    /// <summary>
    /// go-ethereum's <c>maxNeighbors</c>: the most nodes of the largest encoding (16-byte IP,
    /// ports of 3 bytes) that, with the largest expiration, keep the whole packet under 1280
    /// bytes. Computed by encoding, not hard-coded, so a change in the format changes it.
    /// </summary>
    internal static int ComputeMaxNeighbors()
    {
        var largest = new Discv4Node(NodeId.FromBytes(new byte[NodeId.Length]), new NodeEndpoint(IPAddress.IPv6Loopback, ushort.MaxValue, ushort.MaxValue));
        var nodes = new List<Discv4Node>();
        for (int n = 0; ; n++)
        {
            nodes.Add(largest);
            var packet = new NeighborsPacket(nodes, ulong.MaxValue);
            if (Discv4Constants.HeadSize + 1 + packet.EncodedLength >= Discv4Constants.MaxPacketSize)
                return n;
        }
    }

    private int NodesContentLength
    {
        get
        {
            int length = 0;
            foreach (var node in Nodes)
                length += node.EncodedLength;
            return length;
        }
    }

    private protected override int FieldsLength => RlpCodec.LengthOfList(NodesContentLength) + RlpCodec.LengthOfUInt64(ExpirationTime);

    private protected override void WriteFields(ref RlpWriter writer)
    {
        writer.WriteListHeader(NodesContentLength);
        foreach (var node in Nodes)
            node.Write(ref writer);
        writer.WriteUInt64(ExpirationTime);
    }

    internal static NeighborsPacket Read(ref RlpReader list)
    {
        var nodeList = list.EnterList();
        var nodes = new List<Discv4Node>(Math.Min(nodeList.Remaining / 70 + 1, 32));
        while (nodeList.HasMore)
            nodes.Add(Discv4Node.Read(ref nodeList));
        ulong expiration = list.ReadUInt64();
        return new NeighborsPacket(nodes, expiration, Discv4Rlp.ReadRest(ref list), checkRest: false);
    }
}
