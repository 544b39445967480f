using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The initiator's first handshake message. EIP-8 form: RLP
/// <c>[signature(65), initiator-pubkey(64), nonce(32), version, ...]</c> followed by padding;
/// legacy (pre-EIP-8) form: <c>signature ‖ keccak256(ephemeral-pubkey) ‖ pubkey ‖ nonce ‖ 0x00</c>
/// (194 bytes). The signature is by the initiator's ephemeral key over
/// ECDH(static keys).x XOR nonce, so the recipient recovers the ephemeral public key from it.
/// </summary>
public sealed class AuthMessage
{
    /// <summary>Plaintext length of a legacy auth.</summary>
    public const int LegacyLength = 65 + 32 + 64 + 32 + 1;

    public AuthMessage(byte[] signature, byte[] initiatorPublicKey, byte[] nonce, uint version = HandshakeConstants.Version)
    {
        Signature = Check(signature, 65, nameof(signature));
        InitiatorPublicKey = Check(initiatorPublicKey, 64, nameof(initiatorPublicKey));
        Nonce = Check(nonce, 32, nameof(nonce));
        Version = version;
    }

    /// <summary>65 bytes r ‖ s ‖ v by the initiator's ephemeral key.</summary>
    public byte[] Signature { get; }

    /// <summary>The initiator's static public key, 64 bytes x ‖ y.</summary>
    public byte[] InitiatorPublicKey { get; }

    public byte[] Nonce { get; }

    /// <summary>4 for current peers; higher values are accepted (forward compatibility).</summary>
    public uint Version { get; }

    /// <summary>True when decoded from the legacy fixed-size form.</summary>
    public bool IsLegacy { get; private init; }

    /// <summary>Legacy form only: keccak256 of the initiator's ephemeral public key, as sent.</summary>
    public byte[]? EphemeralPublicKeyHash { get; private init; }

    /// <summary>The RLP list of the EIP-8 form, without padding.</summary>
    public byte[] EncodeEip8() =>
        RlpCodec.EncodeList(RlpCodec.EncodeBytes(Signature), RlpCodec.EncodeBytes(InitiatorPublicKey), RlpCodec.EncodeBytes(Nonce), RlpCodec.EncodeUInt64(Version));

    /// <summary>Decodes an EIP-8 plaintext: the first list, ignoring extra elements and anything after it (padding).</summary>
    public static AuthMessage DecodeEip8(ReadOnlySpan<byte> plaintext)
    {
        try
        {
            var outer = new RlpReader(plaintext);
            var list = outer.EnterList();
            var sig = list.ReadFixedBytes(65).ToArray();
            var pub = list.ReadFixedBytes(64).ToArray();
            var nonce = list.ReadFixedBytes(32).ToArray();
            uint version = list.ReadUInt32();
            return new AuthMessage(sig, pub, nonce, version);
        }
        catch (RlpException e)
        {
            throw new RlpxException(HandshakeFailure.MalformedMessage, "auth message is not [signature, pubkey, nonce, version, ...]: " + e.Message, e);
        }
    }

    /// <summary>Decodes a legacy 194-byte plaintext.</summary>
    public static AuthMessage DecodeLegacy(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.Length != LegacyLength)
            throw new RlpxException(HandshakeFailure.MalformedMessage, $"legacy auth must be {LegacyLength} bytes, got {plaintext.Length}");
        return new AuthMessage(plaintext[..65].ToArray(), plaintext.Slice(97, 64).ToArray(), plaintext.Slice(161, 32).ToArray(), HandshakeConstants.Version)
        {
            IsLegacy = true,
            EphemeralPublicKeyHash = plaintext.Slice(65, 32).ToArray(),
        };
    }

    internal static byte[] Check(byte[] value, int length, string name) =>
        value is { } v && v.Length == length ? v : throw new ArgumentException($"{name} must be {length} bytes", name);
}
