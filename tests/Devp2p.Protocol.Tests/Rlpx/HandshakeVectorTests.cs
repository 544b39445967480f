using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;
using static Devp2p.Protocol.Tests.Rlpx.RlpxVectors;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>Every auth/ack in rlpx_eip8.json decrypted and decoded, and the derived secrets (EIP-8 test vectors).</summary>
public class HandshakeVectorTests
{
    private static readonly ISecp256k1 Secp = Secp256k1.Default;

    public static TheoryData<string> Auths => new("auth1_pre_eip8", "auth2_eip8_v4", "auth3_eip8_v56_extra");

    public static TheoryData<string> Acks => new("ack1_pre_eip8", "ack2_eip8_v4", "ack3_eip8_v57_extra");

    [Theory, MemberData(nameof(Auths))]
    public void Recipient_decodes_each_auth(string name)
    {
        var packet = Message(name);
        Assert.Equal(Get($"messages/{name}/length_bytes").GetInt32(), packet.Length);
        var recipient = new RecipientHandshake(Key("static_key_B"), new ScriptedRandom(Key("ephemeral_key_B"), Key("nonce_B")), Secp);
        Feed(packet, () => recipient.BytesWanted, recipient.Receive);

        Assert.True(recipient.IsComplete);
        var auth = recipient.Auth!;
        var decoded = Decoded(name);
        Assert.Equal(Hex($"messages/{name}/decoded/signature"), auth.Signature);
        Assert.Equal(Hex($"messages/{name}/decoded/initiator_pubkey"), auth.InitiatorPublicKey);
        Assert.Equal(Key("static_pubkey_A"), auth.InitiatorPublicKey);
        Assert.Equal(Hex($"messages/{name}/decoded/initiator_nonce"), auth.Nonce);
        Assert.Equal(name.Contains("pre_eip8"), auth.IsLegacy);
        if (decoded.TryGetProperty("version", out var version))
            Assert.Equal(version.GetUInt32(), auth.Version);
        Assert.Equal(Key("static_pubkey_A"), recipient.Secrets.RemotePublicKey);
        // The ack answers in kind: legacy to legacy, EIP-8 (prefixed, padded) otherwise.
        Assert.Equal(auth.IsLegacy ? HandshakeConstants.LegacyAckPacketLength : 2 + (recipient.AckPacket[0] << 8 | recipient.AckPacket[1]), recipient.AckPacket.Length);
    }

    [Theory, MemberData(nameof(Acks))]
    public void Ack_plaintext_decodes(string name)
    {
        var packet = Message(name);
        bool legacy = name.Contains("pre_eip8");
        var plaintext = legacy
            ? Ecies.Decrypt(Secp, Key("static_key_A"), packet, default)
            : Ecies.Decrypt(Secp, Key("static_key_A"), packet.AsSpan(2), packet.AsSpan(0, 2));
        var ack = legacy ? AckMessage.DecodeLegacy(plaintext) : AckMessage.DecodeEip8(plaintext);
        Assert.Equal(Hex($"messages/{name}/decoded/recipient_ephemeral_pubkey"), ack.EphemeralPublicKey);
        Assert.Equal(Key("ephemeral_pubkey_B"), ack.EphemeralPublicKey);
        Assert.Equal(Hex($"messages/{name}/decoded/recipient_nonce"), ack.Nonce);
        if (Decoded(name).TryGetProperty("version", out var version))
            Assert.Equal(version.GetUInt32(), ack.Version);
        AssertExtraElements(Decoded(name), plaintext);
    }

    [Theory, MemberData(nameof(Auths))]
    public void Auth_extra_elements_are_there_and_ignored(string name)
    {
        var packet = Message(name);
        bool legacy = name.Contains("pre_eip8");
        var plaintext = legacy
            ? Ecies.Decrypt(Secp, Key("static_key_B"), packet, default)
            : Ecies.Decrypt(Secp, Key("static_key_B"), packet.AsSpan(2), packet.AsSpan(0, 2));
        AssertExtraElements(Decoded(name), plaintext);
    }

    private static void AssertExtraElements(System.Text.Json.JsonElement decoded, byte[] plaintext)
    {
        var extras = decoded.GetProperty("extra_list_elements_rlp").EnumerateArray().Select(e => FromHex(e.GetString()!)).ToArray();
        int padding = decoded.GetProperty("padding_length").GetInt32();
        if (decoded.TryGetProperty("version", out _))
        {
            var list = new RlpReader(plaintext);
            var inner = list.EnterList();
            Assert.Equal(padding, list.Remaining);
            int fixedFields = decoded.TryGetProperty("signature", out _) ? 4 : 3;
            for (int i = 0; i < fixedFields; i++) inner.SkipItem();
            foreach (var extra in extras)
                Assert.Equal(extra, inner.ReadEncodedItem().ToArray());
            Assert.True(inner.IsAtEnd);
        }
        else
        {
            Assert.Empty(extras);
            Assert.Equal(0, padding);
            Assert.Equal(decoded.GetProperty("known_peer_flag_byte").GetInt32(), plaintext[^1]);
        }
    }

    [Theory, MemberData(nameof(Acks))]
    public void Initiator_accepts_each_ack_format(string name)
    {
        // The acks were made for a particular auth; our initiator's auth differs (ECIES randomness),
        // but aes/mac secrets depend only on keys and nonces, so they must still match the vector.
        var initiator = new InitiatorHandshake(Key("static_key_A"), Key("static_pubkey_B"), new ScriptedRandom(Key("ephemeral_key_A"), Key("nonce_A")), Secp);
        initiator.CreateAuth();
        Feed(Message(name), () => initiator.BytesWanted, initiator.Receive);
        Assert.True(initiator.IsComplete);
        Assert.Equal(name.Contains("pre_eip8"), initiator.Ack!.IsLegacy);
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/aes_secret"), initiator.Secrets.Aes);
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/mac_secret"), initiator.Secrets.Mac);
        Assert.Equal(Key("static_pubkey_B"), initiator.Secrets.RemotePublicKey);
    }

    [Fact]
    public void Recipient_secrets_for_auth2_match_the_vector_including_ingress_mac_after_foo()
    {
        var recipient = new RecipientHandshake(Key("static_key_B"), new ScriptedRandom(Key("ephemeral_key_B"), Key("nonce_B")), Secp);
        Feed(Message("auth2_eip8_v4"), () => recipient.BytesWanted, recipient.Receive);
        var secrets = recipient.Secrets;
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/aes_secret"), secrets.Aes);
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/mac_secret"), secrets.Mac);
        var ingress = secrets.IngressMac.Clone();
        ingress.Update("foo"u8);
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/ingress_mac_foo"), ingress.GetCurrentDigest());
    }

    [Fact]
    public void Derive_from_the_vector_packets_matches_both_sides()
    {
        // Derive directly with auth2/ack2 as the exchanged packets: B's view and A's view agree.
        var atB = RlpxSecrets.Derive(Secp, initiator: false, Key("ephemeral_key_B"), Key("ephemeral_pubkey_A"), Key("nonce_A"), Key("nonce_B"),
            Message("auth2_eip8_v4"), Message("ack2_eip8_v4"), Key("static_pubkey_A"));
        var atA = RlpxSecrets.Derive(Secp, initiator: true, Key("ephemeral_key_A"), Key("ephemeral_pubkey_B"), Key("nonce_A"), Key("nonce_B"),
            Message("auth2_eip8_v4"), Message("ack2_eip8_v4"), Key("static_pubkey_B"));
        Assert.Equal(atA.Aes, atB.Aes);
        Assert.Equal(atA.EgressMac.GetCurrentDigest(), atB.IngressMac.GetCurrentDigest());
        Assert.Equal(atA.IngressMac.GetCurrentDigest(), atB.EgressMac.GetCurrentDigest());
        var ingress = atB.IngressMac.Clone();
        ingress.Update("foo"u8);
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/ingress_mac_foo"), ingress.GetCurrentDigest());
    }

    [Fact]
    public void Intermediate_ecdh_values_match()
    {
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/intermediate_not_in_spec_computed_here/ephemeral_shared_secret_ecdh_x"),
            Secp.Ecdh(Key("ephemeral_key_B"), Key("ephemeral_pubkey_A")));
        Assert.Equal(Hex("derived_secrets_auth2_ack2_at_B/intermediate_not_in_spec_computed_here/static_shared_secret_A_B"),
            Secp.Ecdh(Key("static_key_A"), Key("static_pubkey_B")));
    }

    /// <summary>Feeds a packet the way the adapter does: exactly the bytes wanted each time; all of it must be consumed.</summary>
    internal static void Feed(byte[] packet, Func<int> wanted, Action<ReadOnlySpan<byte>> receive)
    {
        int offset = 0;
        for (int want = wanted(); want > 0; want = wanted())
        {
            receive(packet.AsSpan(offset, want));
            offset += want;
        }
        Assert.Equal(packet.Length, offset);
    }
}
