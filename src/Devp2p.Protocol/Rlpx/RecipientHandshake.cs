using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The listening side of the RLPx handshake as a pure state machine: feed the auth to
/// <see cref="Receive"/>, reading exactly <see cref="BytesWanted"/> bytes at a time; once
/// <see cref="IsComplete"/>, send <see cref="AckPacket"/> and use <see cref="Secrets"/>.
/// Accepts EIP-8 auth (any version, extra list elements, padding) and legacy auth; replies in
/// the same form (EIP-8 with 100–199 random padding bytes, or legacy to a legacy auth).
/// </summary>
public sealed class RecipientHandshake
{
    private readonly ISecp256k1 _secp;
    private readonly IHandshakeRandom _random;
    private readonly byte[] _staticKey;
    private readonly HandshakePacketReader _authReader;
    private RlpxSecrets? _secrets;

    public RecipientHandshake(ReadOnlySpan<byte> staticPrivateKey, IHandshakeRandom? random = null, ISecp256k1? secp = null)
    {
        _secp = secp ?? Secp256k1.Default;
        _random = random ?? HandshakeRandom.Secure;
        _staticKey = staticPrivateKey.ToArray();
        _authReader = new HandshakePacketReader(_secp, _staticKey, HandshakeConstants.LegacyAuthPacketLength);
    }

    /// <summary>Bytes to read next before calling <see cref="Receive"/>; 0 once complete.</summary>
    public int BytesWanted => IsComplete ? 0 : _authReader.BytesWanted;

    public bool IsComplete => _secrets is not null;

    /// <summary>The decoded auth, once complete.</summary>
    public AuthMessage? Auth { get; private set; }

    /// <summary>The ack to send, once complete.</summary>
    public byte[] AckPacket { get; private set; } = [];

    public RlpxSecrets Secrets => _secrets ?? throw new InvalidOperationException("handshake not complete");

    /// <summary>Feeds bytes of the auth (at most <see cref="BytesWanted"/>).</summary>
    public void Receive(ReadOnlySpan<byte> data)
    {
        if (data.Length > BytesWanted)
            throw new InvalidOperationException($"received {data.Length} bytes, wanted at most {BytesWanted}");
        _authReader.Receive(data);
        if (!_authReader.IsComplete)
            return;

        var auth = _authReader.IsLegacy ? AuthMessage.DecodeLegacy(_authReader.Plaintext) : AuthMessage.DecodeEip8(_authReader.Plaintext);
        var remoteEphemeral = new byte[64];
        Span<byte> signed = stackalloc byte[32];
        try
        {
            _secp.Ecdh(_staticKey, auth.InitiatorPublicKey, signed);
            AesCtr.Xor(signed, auth.Nonce, signed);
            _secp.RecoverPublicKey(auth.Signature, signed, remoteEphemeral);
        }
        catch (CryptoException e)
        {
            throw new RlpxException(HandshakeFailure.InvalidKey, "auth carries an invalid public key or a signature that does not recover: " + e.Message, e);
        }
        if (auth.EphemeralPublicKeyHash is { } hash && !Keccak256.Hash(remoteEphemeral).AsSpan().SequenceEqual(hash))
            throw new RlpxException(HandshakeFailure.EphemeralHashMismatch, "legacy auth's ephemeral key hash does not match the recovered key");

        var ephemeralKey = new byte[32];
        var nonce = new byte[32];
        _random.FillEphemeralKey(ephemeralKey);
        _random.FillNonce(nonce);
        var ack = new AckMessage(_secp.CreatePublicKey(ephemeralKey), nonce);
        AckPacket = auth.IsLegacy
            ? HandshakePacket.SealLegacy(_secp, auth.InitiatorPublicKey, ack.EncodeLegacy(), _random)
            : HandshakePacket.SealEip8(_secp, auth.InitiatorPublicKey, ack.EncodeEip8(), _random);

        _secrets = RlpxSecrets.Derive(_secp, initiator: false, ephemeralKey, remoteEphemeral, auth.Nonce, nonce,
            _authReader.Packet, AckPacket, auth.InitiatorPublicKey);
        Auth = auth;
    }
}
