namespace Devp2p.Protocol.Discv4;

/// <summary>Why a received datagram was not accepted as a discv4 packet, or why a packet could not be encoded.</summary>
public enum Discv4PacketError
{
    /// <summary>Shorter than hash ‖ signature ‖ type (98 bytes).</summary>
    TooSmall,

    /// <summary>Received: longer than <see cref="Discv4Constants.MaxReceivedPacketSize"/>. Sent: longer than <see cref="Discv4Constants.MaxPacketSize"/>.</summary>
    TooLarge,

    /// <summary>The leading 32 bytes are not keccak256(signature ‖ type ‖ data).</summary>
    BadHash,

    /// <summary>The signature does not recover to a public key.</summary>
    BadSignature,

    /// <summary>The type byte is not one of <see cref="Discv4PacketType"/>.</summary>
    UnknownType,

    /// <summary>The packet data is not RLP of the shape its type requires.</summary>
    BadRlp,
}
