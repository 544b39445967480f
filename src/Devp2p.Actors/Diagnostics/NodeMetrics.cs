using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Diagnostics;

/// <summary>
/// The <see cref="Devp2pMeter"/> instruments bound to one node's <c>node</c> tag: what the engine's
/// actors call, one line per event. One instance per node key (<see cref="For(byte[])"/> caches it),
/// so a PeerActor gets it without deriving the public key again. Thread-safe (the instruments are).
/// </summary>
public sealed class NodeMetrics
{
    private static readonly ConditionalWeakTable<byte[], NodeMetrics> ByKey = new();
    private static readonly ConcurrentDictionary<DisconnectReason, string> ReasonTags = new();

    private readonly KeyValuePair<string, object?> _node;

    public NodeMetrics(NodeId node)
    {
        ArgumentNullException.ThrowIfNull(node);
        NodeTag = node.ToShortString();
        _node = new("node", NodeTag);
    }

    /// <summary>The value of the <c>node</c> tag and of the <c>NodeId</c> log property: the node id's first 8 bytes in hex.</summary>
    public string NodeTag { get; }

    /// <summary>The metrics of the node whose private key this is (the same array instance gives the same object).</summary>
    public static NodeMetrics For(byte[] privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return ByKey.GetValue(privateKey, key => new NodeMetrics(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(key, PublicKeyFormat.Raw64))));
    }

    public void PeerAdded(bool inbound) => Devp2pMeter.Peers.Add(1, _node, Direction(inbound));

    public void PeerRemoved(bool inbound) => Devp2pMeter.Peers.Add(-1, _node, Direction(inbound));

    /// <summary><paramref name="outcome"/>: connected, failed or timeout.</summary>
    public void Dial(string outcome) => Devp2pMeter.Dials.Add(1, _node, new("outcome", outcome));

    /// <summary>A handshake that reached running (<paramref name="stage"/> "complete") or ended in <paramref name="stage"/>.</summary>
    public void Handshake(bool inbound, bool success, string stage) =>
        Devp2pMeter.Handshakes.Add(1, _node, Direction(inbound), new("outcome", success ? "success" : "failure"), new("stage", stage));

    public void Disconnect(DisconnectReason reason, bool remote) =>
        Devp2pMeter.Disconnects.Add(1, _node, new("reason", ReasonTag(reason)), new("side", remote ? "remote" : "local"));

    /// <summary>One message of <paramref name="size"/> payload bytes received or sent on <paramref name="protocol"/>.</summary>
    public void Message(string protocol, int size, bool received) =>
        (received ? Devp2pMeter.IngressBytes : Devp2pMeter.EgressBytes).Add(size, _node, new("protocol", protocol));

    /// <summary>A discv4 packet; <paramref name="outcome"/> is accepted, sent, or a drop reason.</summary>
    public void DiscoveryPacket(bool received, string type, string outcome) =>
        Devp2pMeter.DiscoveryPackets.Add(1, _node, new("direction", received ? "received" : "sent"), new("type", type), new("outcome", outcome));

    /// <summary>Reports <paramref name="size"/> as this node's table size until disposed.</summary>
    public IDisposable ObserveTable(Func<int> size) => Devp2pMeter.ObserveTable(NodeTag, size);

    /// <summary>The <c>type</c> tag of a discv4 packet: ping, pong, findnode, neighbors, enrrequest, enrresponse.</summary>
    public static string PacketTypeTag(Discv4PacketType type) => type switch
    {
        Discv4PacketType.Ping => "ping",
        Discv4PacketType.Pong => "pong",
        Discv4PacketType.FindNode => "findnode",
        Discv4PacketType.Neighbors => "neighbors",
        Discv4PacketType.EnrRequest => "enrrequest",
        Discv4PacketType.EnrResponse => "enrresponse",
        _ => "unknown",
    };

    /// <summary>The <c>reason</c> tag: the DisconnectReason name in snake_case (too_many_peers), or reason_0xNN for unknown codes.</summary>
    public static string ReasonTag(DisconnectReason reason) => ReasonTags.GetOrAdd(reason, r =>
        Enum.IsDefined(r) ? SnakeCase(r.ToString()) : $"reason_0x{(int)r:x2}");

    internal static string SnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }

    private static KeyValuePair<string, object?> Direction(bool inbound) => new("direction", inbound ? "inbound" : "outbound");
}
