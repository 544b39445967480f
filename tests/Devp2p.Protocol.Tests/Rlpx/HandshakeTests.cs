using System.Buffers.Binary;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;
using static Devp2p.Protocol.Tests.Rlpx.HandshakeVectorTests;
using static Devp2p.Protocol.Tests.Rlpx.RlpxVectors;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>The two handshake machines against each other, the legacy session vector, and rejections.</summary>
public class HandshakeTests
{
    private static readonly ISecp256k1 Secp = Secp256k1.Default;

    internal static (RlpxSecrets Initiator, RlpxSecrets Recipient) Handshake(byte[]? keyA = null, byte[]? keyB = null)
    {
        keyA ??= Secp256k1.GeneratePrivateKey();
        keyB ??= Secp256k1.GeneratePrivateKey();
        var initiator = new InitiatorHandshake(keyA, Secp.CreatePublicKey(keyB), secp: Secp);
        var recipient = new RecipientHandshake(keyB, secp: Secp);
        Feed(initiator.CreateAuth(), () => recipient.BytesWanted, recipient.Receive);
        Feed(recipient.AckPacket, () => initiator.BytesWanted, initiator.Receive);
        return (initiator.Secrets, recipient.Secrets);
    }

    [Fact]
    public void Initiator_and_recipient_agree()
    {
        var keyA = Secp256k1.GeneratePrivateKey();
        var keyB = Secp256k1.GeneratePrivateKey();
        var (a, b) = Handshake(keyA, keyB);
        Assert.Equal(a.Aes, b.Aes);
        Assert.Equal(a.Mac, b.Mac);
        Assert.Equal(a.EgressMac.GetCurrentDigest(), b.IngressMac.GetCurrentDigest());
        Assert.Equal(a.IngressMac.GetCurrentDigest(), b.EgressMac.GetCurrentDigest());
        Assert.Equal(Secp.CreatePublicKey(keyB), a.RemotePublicKey);
        Assert.Equal(Secp.CreatePublicKey(keyA), b.RemotePublicKey);
    }

    [Fact]
    public void A_known_static_public_key_gives_the_same_auth_as_deriving_it()
    {
        var keyA = Secp256k1.GeneratePrivateKey();
        var keyB = Secp256k1.GeneratePrivateKey();
        var ephemeral = Secp256k1.GeneratePrivateKey();
        byte[] Auth(ReadOnlySpan<byte> staticPublicKey)
        {
            var initiator = new InitiatorHandshake(keyA, Secp.CreatePublicKey(keyB), new ScriptedRandom(ephemeral, seed: 7), Secp, staticPublicKey);
            return initiator.CreateAuth();
        }
        var derived = Auth(default);
        var given = Auth(Secp.CreatePublicKey(keyA));
        Assert.Equal(derived, given);
        // And the recipient learns exactly that key from it.
        var recipient = new RecipientHandshake(keyB, secp: Secp);
        Feed(given, () => recipient.BytesWanted, recipient.Receive);
        Assert.Equal(Secp.CreatePublicKey(keyA), recipient.Secrets.RemotePublicKey);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(65)]
    public void A_static_public_key_not_in_raw_64_byte_form_is_refused(int length) =>
        Assert.Throws<ArgumentException>(() => new InitiatorHandshake(Secp256k1.GeneratePrivateKey(), Secp.CreatePublicKey(Secp256k1.GeneratePrivateKey()),
            secp: Secp, staticPublicKey: new byte[length]));

    [Theory]
    [InlineData(100)]
    [InlineData(199)]
    public void Auth_is_eip8_with_the_padding_asked_for(int padding)
    {
        var keyB = Secp256k1.GeneratePrivateKey();
        var initiator = new InitiatorHandshake(Secp256k1.GeneratePrivateKey(), Secp.CreatePublicKey(keyB), new ScriptedRandom(padding: padding), Secp);
        var auth = initiator.CreateAuth();
        Assert.Equal(auth.Length - 2, BinaryPrimitives.ReadUInt16BigEndian(auth));
        var plaintext = Ecies.Decrypt(Secp, keyB, auth.AsSpan(2), auth.AsSpan(0, 2));
        var rlpLength = Devp2p.Protocol.Rlp.RlpCodec.LengthOfList(new Devp2p.Protocol.Rlp.RlpReader(plaintext).EnterList().Remaining);
        Assert.Equal(padding, plaintext.Length - rlpLength);
        Assert.True(auth.Length > HandshakeConstants.LegacyAuthPacketLength); // ethereumjs reads 307 bytes before anything
    }

    [Fact]
    public void Default_padding_is_between_100_and_199()
    {
        for (int i = 0; i < 200; i++)
            Assert.InRange(HandshakeRandom.Secure.NextPaddingLength(), 100, 199);
    }

    [Fact]
    public void Size_prefix_over_2KiB_is_rejected_before_reading_the_body()
    {
        var recipient = new RecipientHandshake(Secp256k1.GeneratePrivateKey(), secp: Secp);
        var e = Assert.Throws<RlpxException>(() => recipient.Receive([0x08, 0x01]));
        Assert.Equal(RlpxError.BadHandshake, e.Error);
        Assert.Equal(HandshakeFailure.TooLarge, e.HandshakeReason);
    }

    [Fact]
    public void Tampered_auth_fails_decryption()
    {
        var keyB = Secp256k1.GeneratePrivateKey();
        var auth = new InitiatorHandshake(Secp256k1.GeneratePrivateKey(), Secp.CreatePublicKey(keyB), secp: Secp).CreateAuth();
        auth[100] ^= 1;
        var recipient = new RecipientHandshake(keyB, secp: Secp);
        var e = Assert.Throws<RlpxException>(() => Feed(auth, () => recipient.BytesWanted, recipient.Receive));
        Assert.Equal(HandshakeFailure.DecryptFailed, e.HandshakeReason);
    }

    [Fact]
    public void Auth_for_another_key_fails_decryption()
    {
        var auth = Message("auth2_eip8_v4");
        var recipient = new RecipientHandshake(Key("static_key_A"), secp: Secp);
        var e = Assert.Throws<RlpxException>(() => Feed(auth, () => recipient.BytesWanted, recipient.Receive));
        Assert.Equal(HandshakeFailure.DecryptFailed, e.HandshakeReason);
    }

    [Fact]
    public void Eip8_packet_whose_prefix_starts_with_0x04_is_not_mistaken_for_legacy()
    {
        // Padding chosen so the size prefix is 0x04xx (1024..1279 bytes): the reader first tries legacy, then continues.
        var keyB = Secp256k1.GeneratePrivateKey();
        var initiator = new InitiatorHandshake(Secp256k1.GeneratePrivateKey(), Secp.CreatePublicKey(keyB), new ScriptedRandom(padding: 900), Secp);
        var auth = initiator.CreateAuth();
        Assert.Equal(0x04, auth[0]);
        var recipient = new RecipientHandshake(keyB, secp: Secp);
        Feed(auth, () => recipient.BytesWanted, recipient.Receive);
        Assert.False(recipient.Auth!.IsLegacy);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(100, 3)]
    [InlineData(199, 2)]
    [InlineData(900, 1)]   // size prefix 0x04xx: the buffer grows from the legacy length to the EIP-8 size
    [InlineData(900, 307)] // exactly the legacy length first
    public void Packets_fed_in_any_chunks_give_the_whole_packet_to_the_mac_seeds(int padding, int chunk)
    {
        // The reader sizes its buffer as the length becomes known; the MAC seeds hash the whole wire
        // packet, so both sides' MACs agree only if no byte was lost or moved on the way.
        var keyA = Secp256k1.GeneratePrivateKey();
        var keyB = Secp256k1.GeneratePrivateKey();
        var initiator = new InitiatorHandshake(keyA, Secp.CreatePublicKey(keyB), new ScriptedRandom(padding: padding), Secp);
        var recipient = new RecipientHandshake(keyB, new ScriptedRandom(padding: padding), Secp);
        FeedInChunks(initiator.CreateAuth(), chunk, () => recipient.BytesWanted, recipient.Receive);
        FeedInChunks(recipient.AckPacket, chunk, () => initiator.BytesWanted, initiator.Receive);
        Assert.False(recipient.Auth!.IsLegacy);
        Assert.Equal(initiator.Secrets.EgressMac.GetCurrentDigest(), recipient.Secrets.IngressMac.GetCurrentDigest());
        Assert.Equal(initiator.Secrets.IngressMac.GetCurrentDigest(), recipient.Secrets.EgressMac.GetCurrentDigest());
    }

    private static void FeedInChunks(byte[] packet, int chunk, Func<int> wanted, ReceiveSpan receive)
    {
        int offset = 0;
        for (int want = wanted(); want > 0; want = wanted())
        {
            int n = Math.Min(chunk, want);
            receive(packet.AsSpan(offset, n));
            offset += n;
        }
        Assert.Equal(packet.Length, offset);
    }

    private delegate void ReceiveSpan(ReadOnlySpan<byte> data);

    [Fact]
    public void Garbage_auth_with_0x04_lead_is_bad_handshake()
    {
        var recipient = new RecipientHandshake(Secp256k1.GeneratePrivateKey(), secp: Secp);
        var garbage = new byte[HandshakeConstants.LegacyAuthPacketLength];
        garbage[0] = 0x04;
        garbage[1] = 0x00; // prefix 0x0400 = 1024: legacy fails, EIP-8 wants more
        recipient.Receive(garbage.AsSpan(0, 2));
        Assert.Equal(garbage.Length - 2, recipient.BytesWanted);
        recipient.Receive(garbage.AsSpan(2));
        Assert.Equal(2 + 1024 - garbage.Length, recipient.BytesWanted);
        var e = Assert.Throws<RlpxException>(() => recipient.Receive(new byte[recipient.BytesWanted]));
        Assert.Equal(HandshakeFailure.DecryptFailed, e.HandshakeReason);
    }

    [Fact]
    public void Legacy_session_vector_handshake()
    {
        const string v = "supplementary_legacy_full_session/values/";
        var auth = Hex(v + "auth_ciphertext");
        var ack = Hex(v + "authresp_ciphertext");
        Assert.Equal(Hex(v + "auth_plaintext"), Ecies.Decrypt(Secp, Hex(v + "receiver_private_key"), auth, default));
        Assert.Equal(Hex(v + "authresp_plaintext"), Ecies.Decrypt(Secp, Hex(v + "initiator_private_key"), ack, default));

        // The recipient machine decodes the legacy auth and answers with a legacy ack.
        var recipient = new RecipientHandshake(Hex(v + "receiver_private_key"),
            new ScriptedRandom(Hex(v + "receiver_ephemeral_private_key"), Hex(v + "receiver_nonce")), Secp);
        Feed(auth, () => recipient.BytesWanted, recipient.Receive);
        Assert.True(recipient.Auth!.IsLegacy);
        Assert.Equal(Hex(v + "initiator_nonce"), recipient.Auth.Nonce);
        Assert.Equal(HandshakeConstants.LegacyAckPacketLength, recipient.AckPacket.Length);
        Assert.Equal(Hex(v + "aes_secret"), recipient.Secrets.Aes);
        Assert.Equal(Hex(v + "mac_secret"), recipient.Secrets.Mac);

        // With the packets actually exchanged, the initiator's MAC states match the vector.
        var init = LegacySessionInitiatorSecrets();
        Assert.Equal(Hex(v + "aes_secret"), init.Aes);
        Assert.Equal(Hex(v + "mac_secret"), init.Mac);
        Assert.Equal(Hex(v + "initial_egress_MAC"), init.EgressMac.GetCurrentDigest());
        Assert.Equal(Hex(v + "initial_ingress_MAC"), init.IngressMac.GetCurrentDigest());
    }

    internal static RlpxSecrets LegacySessionInitiatorSecrets() => LegacySessionSecrets(initiator: true);

    internal static RlpxSecrets LegacySessionSecrets(bool initiator)
    {
        const string v = "supplementary_legacy_full_session/values/";
        var initEph = Hex(v + "initiator_ephemeral_private_key");
        var recvEph = Hex(v + "receiver_ephemeral_private_key");
        return RlpxSecrets.Derive(Secp, initiator,
            initiator ? initEph : recvEph,
            Secp.CreatePublicKey(initiator ? recvEph : initEph),
            Hex(v + "initiator_nonce"), Hex(v + "receiver_nonce"),
            Hex(v + "auth_ciphertext"), Hex(v + "authresp_ciphertext"),
            Secp.CreatePublicKey(Hex(v + (initiator ? "receiver_private_key" : "initiator_private_key"))));
    }
}
