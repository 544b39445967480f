using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The recipient's handshake reply. EIP-8 form: RLP <c>[recipient-ephemeral-pubkey(64), nonce(32), version, ...]</c>
/// followed by padding; legacy form: <c>ephemeral-pubkey ‖ nonce ‖ 0x00</c> (97 bytes).
/// </summary>
public sealed class AckMessage
{
    /// <summary>Plaintext length of a legacy ack.</summary>
    public const int LegacyLength = 64 + 32 + 1;

    public AckMessage(byte[] ephemeralPublicKey, byte[] nonce, uint version = HandshakeConstants.Version)
    {
        EphemeralPublicKey = AuthMessage.Check(ephemeralPublicKey, 64, nameof(ephemeralPublicKey));
        Nonce = AuthMessage.Check(nonce, 32, nameof(nonce));
        Version = version;
    }

    /// <summary>The recipient's ephemeral public key, 64 bytes.</summary>
    public byte[] EphemeralPublicKey { get; }

    public byte[] Nonce { get; }

    public uint Version { get; }

    public bool IsLegacy { get; private init; }

    public byte[] EncodeEip8() =>
        RlpCodec.EncodeList(RlpCodec.EncodeBytes(EphemeralPublicKey), RlpCodec.EncodeBytes(Nonce), RlpCodec.EncodeUInt64(Version));

    /// <summary>The legacy 97-byte form (sent only in reply to a legacy auth).</summary>
    public byte[] EncodeLegacy()
    {
        var output = new byte[LegacyLength];
        EphemeralPublicKey.CopyTo(output, 0);
        Nonce.CopyTo(output, 64);
        return output;
    }

    public static AckMessage DecodeEip8(ReadOnlySpan<byte> plaintext)
    {
        try
        {
            var outer = new RlpReader(plaintext);
            var list = outer.EnterList();
            var pub = list.ReadFixedBytes(64).ToArray();
            var nonce = list.ReadFixedBytes(32).ToArray();
            uint version = list.ReadUInt32();
            return new AckMessage(pub, nonce, version);
        }
        catch (RlpException e)
        {
            throw new RlpxException(HandshakeFailure.MalformedMessage, "ack message is not [ephemeral-pubkey, nonce, version, ...]: " + e.Message, e);
        }
    }

    public static AckMessage DecodeLegacy(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.Length != LegacyLength)
            throw new RlpxException(HandshakeFailure.MalformedMessage, $"legacy ack must be {LegacyLength} bytes, got {plaintext.Length}");
        return new AckMessage(plaintext[..64].ToArray(), plaintext.Slice(64, 32).ToArray(), HandshakeConstants.Version) { IsLegacy = true };
    }
}
