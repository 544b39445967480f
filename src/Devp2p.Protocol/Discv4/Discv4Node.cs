using System.Net;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// A node as discovery knows it: its 64-byte public key (<see cref="NodeId"/>) and its
/// endpoint. This is one entry of a Neighbors packet (<c>[ip, udp, tcp, id]</c>) and what the
/// Kademlia table and lookups hold. Equality is by id and endpoint.
/// </summary>
public sealed class Discv4Node : IEquatable<Discv4Node>
{
    public Discv4Node(NodeId id, NodeEndpoint endpoint)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
    }

    public Discv4Node(NodeId id, IPAddress address, ushort udpPort, ushort tcpPort)
        : this(id, new NodeEndpoint(address, udpPort, tcpPort))
    {
    }

    /// <summary>The node's public key.</summary>
    public NodeId Id { get; }

    /// <summary>Where the node says (or was said) to be reachable.</summary>
    public NodeEndpoint Endpoint { get; }

    /// <summary>The IP, or null when the received IP was neither 4 nor 16 bytes.</summary>
    public IPAddress? Address => Endpoint.Address;

    public ushort UdpPort => Endpoint.UdpPort;

    public ushort TcpPort => Endpoint.TcpPort;

    /// <summary>Keccak-256 of the key: the Kademlia distance key.</summary>
    public ReadOnlySpan<byte> Hash => Id.Hash;

    public override string ToString() => $"{Id.ToShortString()}@{Endpoint}";

    public bool Equals(Discv4Node? other) => other is not null && Id.Equals(other.Id) && Endpoint.Equals(other.Endpoint);

    public override bool Equals(object? obj) => obj is Discv4Node other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Id, Endpoint);

    internal int ContentLength => Endpoint.ContentLength + RlpCodec.LengthOfBytes(Id.Bytes);

    internal int EncodedLength => RlpCodec.LengthOfList(ContentLength);

    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        Endpoint.WriteFields(ref writer);
        writer.WriteBytes(Id.Bytes);
    }

    /// <summary>Reads <c>[ip, udp, tcp, id, ...]</c>; extra elements are ignored (EIP-8), unlike go-ethereum.</summary>
    internal static Discv4Node Read(ref RlpReader reader)
    {
        var list = reader.EnterList();
        var endpoint = NodeEndpoint.ReadFields(ref list);
        var id = NodeId.FromBytes(list.ReadFixedBytes(NodeId.Length));
        return new Discv4Node(id, endpoint);
    }
}
