namespace Devp2p.Protocol.Discv4;

/// <summary>The packet-type byte that follows the signature (discv4.md; EIP-868 added 5 and 6).</summary>
public enum Discv4PacketType : byte
{
    Ping = 1,
    Pong = 2,
    FindNode = 3,
    Neighbors = 4,
    EnrRequest = 5,
    EnrResponse = 6,
}
