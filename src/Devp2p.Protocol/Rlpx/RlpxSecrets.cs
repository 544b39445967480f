using System.Security.Cryptography;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// What a completed handshake yields: the peer's static key and the session keys.
/// <code>
/// ecdhe  = ECDH(own ephemeral, remote ephemeral).x
/// shared = keccak(ecdhe ‖ keccak(recipient-nonce ‖ initiator-nonce))
/// aes    = keccak(ecdhe ‖ shared)
/// mac    = keccak(ecdhe ‖ aes)
/// egress MAC (initiator) = keccak.init((mac ⊕ recipient-nonce) ‖ auth-packet)
/// ingress MAC (initiator) = keccak.init((mac ⊕ initiator-nonce) ‖ ack-packet)
/// </code>
/// (the recipient's egress/ingress are the other way round). Packets are the whole wire
/// bytes, including the EIP-8 size prefix.
/// </summary>
public sealed class RlpxSecrets
{
    private RlpxSecrets(byte[] remotePublicKey, byte[] aes, byte[] mac, Keccak256Hasher egress, Keccak256Hasher ingress)
    {
        RemotePublicKey = remotePublicKey;
        Aes = aes;
        Mac = mac;
        EgressMac = egress;
        IngressMac = ingress;
    }

    /// <summary>The peer's static public key, 64 bytes x ‖ y (its node id).</summary>
    public byte[] RemotePublicKey { get; }

    /// <summary>32-byte AES-256-CTR key for frames (both directions, each with its own counter from zero).</summary>
    public byte[] Aes { get; }

    /// <summary>32-byte key of the AES-256-ECB step in the frame MAC.</summary>
    public byte[] Mac { get; }

    /// <summary>Running keccak state for frames we send.</summary>
    public Keccak256Hasher EgressMac { get; }

    /// <summary>Running keccak state for frames we receive.</summary>
    public Keccak256Hasher IngressMac { get; }

    /// <summary>Derives the session secrets from the handshake's values (see the type's remarks).</summary>
    public static RlpxSecrets Derive(
        ISecp256k1 secp, bool initiator,
        ReadOnlySpan<byte> ephemeralPrivateKey, ReadOnlySpan<byte> remoteEphemeralPublicKey,
        ReadOnlySpan<byte> initiatorNonce, ReadOnlySpan<byte> recipientNonce,
        ReadOnlySpan<byte> authPacket, ReadOnlySpan<byte> ackPacket, byte[] remotePublicKey)
    {
        Span<byte> ecdhe = stackalloc byte[32];
        try
        {
            secp.Ecdh(ephemeralPrivateKey, remoteEphemeralPublicKey, ecdhe);
        }
        catch (CryptoException e)
        {
            throw new RlpxException(HandshakeFailure.InvalidKey, "remote ephemeral public key is not a point on secp256k1", e);
        }

        Span<byte> nonces = stackalloc byte[64];
        recipientNonce.CopyTo(nonces);
        initiatorNonce.CopyTo(nonces[32..]);
        Span<byte> nonceHash = stackalloc byte[32];
        Keccak256.Hash(nonces, nonceHash);
        Span<byte> shared = stackalloc byte[32];
        Keccak256.HashConcat(ecdhe, nonceHash, shared);
        var aes = Keccak256.HashConcat(ecdhe, shared);
        var mac = Keccak256.HashConcat(ecdhe, aes);
        CryptographicOperations.ZeroMemory(ecdhe);
        CryptographicOperations.ZeroMemory(shared);

        var authMac = SeedMac(mac, recipientNonce, authPacket);   // initiator's egress
        var ackMac = SeedMac(mac, initiatorNonce, ackPacket);     // initiator's ingress
        return initiator
            ? new RlpxSecrets(remotePublicKey, aes, mac, authMac, ackMac)
            : new RlpxSecrets(remotePublicKey, aes, mac, ackMac, authMac);
    }

    private static Keccak256Hasher SeedMac(ReadOnlySpan<byte> mac, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> packet)
    {
        Span<byte> seed = stackalloc byte[32];
        AesCtr.Xor(mac, nonce, seed);
        var hasher = new Keccak256Hasher();
        hasher.Update(seed);
        hasher.Update(packet);
        return hasher;
    }
}
