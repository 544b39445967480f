using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

/// <summary>What <see cref="Discv4Codec.Decode"/> returns: the packet, the signer's key, and the packet hash.</summary>
public sealed class Discv4DecodedPacket
{
    internal Discv4DecodedPacket(Discv4Packet packet, NodeId sender, byte[] hash)
    {
        Packet = packet;
        Sender = sender;
        Hash = hash;
    }

    /// <summary>The decoded packet data.</summary>
    public Discv4Packet Packet { get; }

    /// <summary>The public key recovered from the signature: who sent it (not where from: that is the UDP source).</summary>
    public NodeId Sender { get; }

    /// <summary>
    /// The packet's leading 32-byte hash. A Pong echoes a Ping's hash and an ENRResponse an
    /// ENRRequest's; the receiver of a Ping puts this in its Pong.
    /// </summary>
    public ReadOnlyMemory<byte> Hash { get; }

    public Discv4PacketType Type => Packet.Type;
}
