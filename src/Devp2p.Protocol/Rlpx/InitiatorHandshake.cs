using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The dialing side of the RLPx handshake as a pure state machine:
/// <see cref="CreateAuth"/> → send it → feed the reply to <see cref="Receive"/>, reading exactly
/// <see cref="BytesWanted"/> bytes at a time → <see cref="IsComplete"/>, <see cref="Secrets"/>.
/// Sends EIP-8 auth; accepts EIP-8 and legacy acks. No I/O, no clock: deadlines belong to the caller.
/// Failures are <see cref="RlpxException"/> with <see cref="RlpxError.BadHandshake"/>.
/// </summary>
public sealed class InitiatorHandshake
{
    private readonly ISecp256k1 _secp;
    private readonly IHandshakeRandom _random;
    private readonly byte[] _staticKey;
    private readonly byte[] _remotePublicKey;
    private readonly byte[] _ephemeralKey = new byte[32];
    private readonly byte[] _nonce = new byte[32];
    private readonly HandshakePacketReader _ackReader;
    private readonly byte[]? _staticPublicKey;
    private byte[]? _authPacket;
    private RlpxSecrets? _secrets;

    /// <param name="staticPrivateKey">Our node key (32 bytes).</param>
    /// <param name="remotePublicKey">The peer's node id, 33/64/65 bytes; a bad key is <see cref="CryptoException"/>.</param>
    /// <param name="random">Source of the ephemeral key, nonce, padding and ECIES randomness; default the OS CSPRNG.</param>
    /// <param name="secp">secp256k1 backend; default <see cref="Secp256k1.Default"/>.</param>
    /// <param name="staticPublicKey">Our public key (64 bytes) if the caller has it, else derived here; see <see cref="RlpxConnectionOptions.LocalPublicKey"/>.</param>
    public InitiatorHandshake(ReadOnlySpan<byte> staticPrivateKey, ReadOnlySpan<byte> remotePublicKey, IHandshakeRandom? random = null, ISecp256k1? secp = null,
        ReadOnlySpan<byte> staticPublicKey = default)
    {
        _secp = secp ?? Secp256k1.Default;
        _random = random ?? HandshakeRandom.Secure;
        _staticKey = staticPrivateKey.ToArray();
        if (!staticPublicKey.IsEmpty && staticPublicKey.Length != 64)
            throw new ArgumentException($"our static public key must be 64 bytes (raw x ‖ y), got {staticPublicKey.Length}", nameof(staticPublicKey));
        _staticPublicKey = staticPublicKey.IsEmpty ? null : staticPublicKey.ToArray();
        _remotePublicKey = _secp.ConvertPublicKey(remotePublicKey, PublicKeyFormat.Raw64);
        _ackReader = new HandshakePacketReader(_secp, _staticKey, HandshakeConstants.LegacyAckPacketLength);
    }

    /// <summary>Bytes to read next before calling <see cref="Receive"/>; 0 before <see cref="CreateAuth"/> and once complete.</summary>
    public int BytesWanted => _authPacket is null || IsComplete ? 0 : _ackReader.BytesWanted;

    public bool IsComplete => _secrets is not null;

    /// <summary>The decoded ack, once complete.</summary>
    public AckMessage? Ack { get; private set; }

    /// <summary>The session secrets; throws until <see cref="IsComplete"/>.</summary>
    public RlpxSecrets Secrets => _secrets ?? throw new InvalidOperationException("handshake not complete");

    /// <summary>Builds the EIP-8 auth packet (once). Draws the ephemeral key and nonce from the random source.</summary>
    public byte[] CreateAuth()
    {
        if (_authPacket is not null)
            throw new InvalidOperationException("auth already created");
        _random.FillEphemeralKey(_ephemeralKey);
        _random.FillNonce(_nonce);

        Span<byte> signed = stackalloc byte[32];
        _secp.Ecdh(_staticKey, _remotePublicKey, signed);
        AesCtr.Xor(signed, _nonce, signed);
        var auth = new AuthMessage(
            _secp.Sign(_ephemeralKey, signed),
            _staticPublicKey ?? _secp.CreatePublicKey(_staticKey),
            (byte[])_nonce.Clone());
        _authPacket = HandshakePacket.SealEip8(_secp, _remotePublicKey, auth.EncodeEip8(), _random);
        return _authPacket;
    }

    /// <summary>Feeds bytes of the ack (at most <see cref="BytesWanted"/>).</summary>
    public void Receive(ReadOnlySpan<byte> data)
    {
        if (_authPacket is null)
            throw new InvalidOperationException("call CreateAuth first");
        if (data.Length > BytesWanted)
            throw new InvalidOperationException($"received {data.Length} bytes, wanted at most {BytesWanted}");
        _ackReader.Receive(data);
        if (!_ackReader.IsComplete)
            return;

        var ack = _ackReader.IsLegacy ? AckMessage.DecodeLegacy(_ackReader.Plaintext) : AckMessage.DecodeEip8(_ackReader.Plaintext);
        _secrets = RlpxSecrets.Derive(_secp, initiator: true, _ephemeralKey, ack.EphemeralPublicKey, _nonce, ack.Nonce,
            _authPacket, _ackReader.Packet, _remotePublicKey);
        Ack = ack;
    }

}
