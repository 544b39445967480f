using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>Settings for an <see cref="RlpxConnection"/>; the defaults are go-ethereum's.</summary>
public sealed record RlpxConnectionOptions
{
    /// <summary>Deadline for the auth/ack exchange (geth: 5 s). Frames have no deadline here; the engine sets its own.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public IHandshakeRandom? Random { get; init; }

    public ISecp256k1? Secp { get; init; }

    /// <summary>
    /// Our static public key (64 bytes), when the caller already has it: a node's key does not change,
    /// so a dialer need not derive it again for every auth (one secp256k1 multiplication per dial).
    /// It must belong to the private key passed to the handshake; a wrong one makes the remote reject the auth.
    /// </summary>
    public ReadOnlyMemory<byte> LocalPublicKey { get; init; }

    public int MaxFrameSize { get; init; } = FrameReader.DefaultMaxFrameSize;

    public int MaxMessageSize { get; init; } = RlpxSession.DefaultMaxMessageSize;

    /// <summary>Whether disposing the connection leaves the stream open.</summary>
    public bool LeaveOpen { get; init; }

    public static RlpxConnectionOptions Default { get; } = new();
}
