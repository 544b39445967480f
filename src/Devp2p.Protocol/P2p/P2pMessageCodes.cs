namespace Devp2p.Protocol.P2p;

/// <summary>Message codes and numbers of the p2p base protocol (codes 0x00–0x0f of every connection).</summary>
public static class P2pMessageCodes
{
    public const ulong Hello = 0x00;
    public const ulong Disconnect = 0x01;
    public const ulong Ping = 0x02;
    public const ulong Pong = 0x03;

    /// <summary>Codes reserved for the base protocol; capabilities start at this offset.</summary>
    public const int BaseProtocolLength = 16;

    /// <summary>The p2p version we announce.</summary>
    public const uint P2pVersion = 5;

    /// <summary>From this p2p version on, message payloads after the Hello are snappy-compressed.</summary>
    public const uint SnappyVersion = 5;

    /// <summary>The payload of Ping and Pong: an empty RLP list.</summary>
    public static ReadOnlySpan<byte> EmptyListPayload => [0xc0];
}
