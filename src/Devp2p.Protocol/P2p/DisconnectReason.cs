namespace Devp2p.Protocol.P2p;

/// <summary>Why a peer is disconnected (go-ethereum's <c>DiscReason</c> names and codes).</summary>
public enum DisconnectReason : byte
{
    Requested = 0x00,
    NetworkError = 0x01,
    ProtocolError = 0x02,
    UselessPeer = 0x03,
    TooManyPeers = 0x04,
    AlreadyConnected = 0x05,
    IncompatibleVersion = 0x06,
    InvalidIdentity = 0x07,
    Quitting = 0x08,
    UnexpectedIdentity = 0x09,
    Self = 0x0a,
    ReadTimeout = 0x0b,
    SubprotocolError = 0x10,
}

public static class DisconnectReasonExtensions
{
    /// <summary>go-ethereum's text for the reason, e.g. "too many peers"; unknown codes read "unknown disconnect reason N".</summary>
    public static string Describe(this DisconnectReason reason) => reason switch
    {
        DisconnectReason.Requested => "disconnect requested",
        DisconnectReason.NetworkError => "network error",
        DisconnectReason.ProtocolError => "breach of protocol",
        DisconnectReason.UselessPeer => "useless peer",
        DisconnectReason.TooManyPeers => "too many peers",
        DisconnectReason.AlreadyConnected => "already connected",
        DisconnectReason.IncompatibleVersion => "incompatible p2p protocol version",
        DisconnectReason.InvalidIdentity => "invalid node identity",
        DisconnectReason.Quitting => "client quitting",
        DisconnectReason.UnexpectedIdentity => "unexpected identity",
        DisconnectReason.Self => "connected to self",
        DisconnectReason.ReadTimeout => "read timeout",
        DisconnectReason.SubprotocolError => "subprotocol error",
        _ => $"unknown disconnect reason {(byte)reason}",
    };
}
