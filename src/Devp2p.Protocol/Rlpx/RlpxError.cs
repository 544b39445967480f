namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// What went wrong on an RLPx connection, coarse enough for the engine to pick a disconnect
/// reason (or none, before the session exists) and precise enough for a log line.
/// </summary>
public enum RlpxError
{
    /// <summary>The auth or ack could not be decrypted, decoded or verified; see <see cref="RlpxException.HandshakeReason"/>.</summary>
    BadHandshake,

    /// <summary>A frame header MAC or frame body MAC did not match: the stream is corrupt or forged.</summary>
    MacMismatch,

    /// <summary>A frame header announced more bytes than the frame size limit.</summary>
    FrameTooLarge,

    /// <summary>A message (after decompression) would exceed the message size limit.</summary>
    MessageTooLarge,

    /// <summary>A compressed message was not valid snappy, or its declared length did not match.</summary>
    BadSnappy,

    /// <summary>A frame did not start with a valid RLP message code.</summary>
    BadMessageCode,

    /// <summary>The stream ended in the middle of a handshake packet or frame.</summary>
    Truncated,
}

/// <summary>Why a handshake was rejected (the detail of <see cref="RlpxError.BadHandshake"/>).</summary>
public enum HandshakeFailure
{
    None,

    /// <summary>The EIP-8 size prefix announced more than the 2 KiB handshake limit.</summary>
    TooLarge,

    /// <summary>ECIES decryption failed: wrong key, bad MAC, or a malformed envelope.</summary>
    DecryptFailed,

    /// <summary>The decrypted auth/ack is not the RLP (or legacy) structure expected.</summary>
    MalformedMessage,

    /// <summary>A public key in the message is not a point on secp256k1, or the signature does not recover.</summary>
    InvalidKey,

    /// <summary>The legacy auth's ephemeral-key hash does not match the key the signature recovers.</summary>
    EphemeralHashMismatch,
}
