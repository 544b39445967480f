using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>Keys, nodes and hand-framed packets for the discv4 tests.</summary>
internal static class PacketFactory
{
    public static readonly byte[] Key = Discv4Vectors.SignerPrivateKey;

    public static NodeEndpoint Endpoint(string ip, ushort udp = 30303, ushort tcp = 30303) => new(IPAddress.Parse(ip), udp, tcp);

    /// <summary>A node with a deterministic (not necessarily on-curve) 64-byte key.</summary>
    public static Discv4Node Node(Random random, string ip = "8.8.8.8", ushort port = 30303)
    {
        var id = new byte[NodeId.Length];
        random.NextBytes(id);
        return new Discv4Node(NodeId.FromBytes(id), Endpoint(ip, port, port));
    }

    public static NodeId RandomId(Random random)
    {
        var id = new byte[NodeId.Length];
        random.NextBytes(id);
        return NodeId.FromBytes(id);
    }

    /// <summary>Frames arbitrary type and data exactly as the wire format says, signed with <see cref="Key"/>.</summary>
    public static byte[] Frame(byte type, ReadOnlySpan<byte> data)
    {
        var packet = new byte[Discv4Constants.MinPacketSize + data.Length];
        packet[Discv4Constants.HeadSize] = type;
        data.CopyTo(packet.AsSpan(Discv4Constants.MinPacketSize));
        var sigHash = Keccak256.Hash(packet.AsSpan(Discv4Constants.HeadSize));
        Secp256k1.Default.Sign(Key, sigHash, packet.AsSpan(Discv4Constants.HashSize, Discv4Constants.SignatureSize));
        Keccak256.Hash(packet.AsSpan(Discv4Constants.HashSize), packet.AsSpan(0, Discv4Constants.HashSize));
        return packet;
    }

    /// <summary>Recomputes the leading hash after a test edited the rest of the packet.</summary>
    public static byte[] Rehash(byte[] packet)
    {
        var copy = (byte[])packet.Clone();
        Keccak256.Hash(copy.AsSpan(Discv4Constants.HashSize), copy.AsSpan(0, Discv4Constants.HashSize));
        return copy;
    }
}
