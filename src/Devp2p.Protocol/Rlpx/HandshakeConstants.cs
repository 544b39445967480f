namespace Devp2p.Protocol.Rlpx;

/// <summary>Numbers of the RLPx handshake.</summary>
public static class HandshakeConstants
{
    /// <summary>The auth/ack version field we send.</summary>
    public const uint Version = 4;

    /// <summary>Largest EIP-8 auth/ack size prefix accepted (go-ethereum: 2 KiB).</summary>
    public const int MaxPacketSize = 2048;

    /// <summary>Whole legacy auth packet: 194-byte plaintext + ECIES overhead.</summary>
    public const int LegacyAuthPacketLength = AuthMessage.LegacyLength + Ecies.Overhead;

    /// <summary>Whole legacy ack packet: 97-byte plaintext + ECIES overhead.</summary>
    public const int LegacyAckPacketLength = AckMessage.LegacyLength + Ecies.Overhead;

    /// <summary>Fewest padding bytes an EIP-8 packet we send carries (ethereumjs needs ≥ 23 to read an auth at all).</summary>
    public const int MinPadding = 100;
}
