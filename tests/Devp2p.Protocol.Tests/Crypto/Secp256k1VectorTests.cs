using System.Text.Json;
using Devp2p.Protocol.Crypto;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Crypto;

/// <summary>Published vectors (EIP-778 ENR, EIP-8 RLPx and discv4) on each backend.</summary>
public class Secp256k1VectorTests
{
    private static readonly Lazy<JsonElement> Enr = new(() => Load("enr.json"));
    private static readonly Lazy<JsonElement> Rlpx = new(() => Load("rlpx_eip8.json"));
    private static readonly Lazy<JsonElement> Discv4 = new(() => Load("discv4_eip8.json"));

    private static JsonElement Load(string name) =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector(name))).RootElement.Clone();

    private static byte[] Bytes(JsonElement element, params string[] path)
    {
        foreach (var key in path)
            element = element.GetProperty(key);
        return Convert.FromHexString(element.GetString()!);
    }

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    [Theory, ManagedBackend, NativeBackend]
    public void EnrKeyDerivesAllThreePublicKeyEncodings(string backend)
    {
        var secp = Backends.Get(backend);
        var key = Bytes(Enr.Value, "private_key");
        var raw = Hex(Bytes(Enr.Value, "uncompressed_pubkey_64"));

        Assert.True(secp.IsValidPrivateKey(key));
        Assert.Equal(raw, Hex(secp.CreatePublicKey(key, PublicKeyFormat.Raw64)));
        Assert.Equal("04" + raw, Hex(secp.CreatePublicKey(key, PublicKeyFormat.Uncompressed)));
        Assert.Equal(Hex(Bytes(Enr.Value, "pairs", "secp256k1")), Hex(secp.CreatePublicKey(key, PublicKeyFormat.Compressed)));
        Assert.Equal(Hex(Bytes(Enr.Value, "node_id")), Hex(Keccak256.Hash(Bytes(Enr.Value, "uncompressed_pubkey_64"))));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void PublicKeyEncodingsConvertIntoEachOther(string backend)
    {
        var secp = Backends.Get(backend);
        var raw = Bytes(Enr.Value, "uncompressed_pubkey_64");
        var compressed = Bytes(Enr.Value, "pairs", "secp256k1");
        byte[] uncompressed = [0x04, .. raw];
        foreach (var input in new[] { raw, compressed, uncompressed })
        {
            Assert.True(secp.IsValidPublicKey(input));
            Assert.Equal(Hex(raw), Hex(secp.ConvertPublicKey(input, PublicKeyFormat.Raw64)));
            Assert.Equal(Hex(compressed), Hex(secp.ConvertPublicKey(input, PublicKeyFormat.Compressed)));
            Assert.Equal(Hex(uncompressed), Hex(secp.ConvertPublicKey(input, PublicKeyFormat.Uncompressed)));
        }
    }

    [Theory, ManagedBackend, NativeBackend]
    public void EnrSignatureIsReproducedAndVerifies(string backend)
    {
        var secp = Backends.Get(backend);
        var key = Bytes(Enr.Value, "private_key");
        var hash = Keccak256.Hash(Bytes(Enr.Value, "signed_content_rlp_hex"));
        Assert.Equal(Hex(Bytes(Enr.Value, "signed_hash_keccak256")), Hex(hash));

        var expected = Bytes(Enr.Value, "signature");          // r || s, 64 bytes
        var signature = secp.Sign(key, hash);
        Assert.Equal(Hex(expected), Hex(signature.AsSpan(0, 64)));   // RFC 6979: deterministic
        Assert.True(secp.Verify(expected, hash, Bytes(Enr.Value, "uncompressed_pubkey_64")));
        Assert.Equal(Hex(Bytes(Enr.Value, "uncompressed_pubkey_64")), Hex(secp.RecoverPublicKey(signature, hash)));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void RlpxKeysAndEcdhSecrets(string backend)
    {
        var secp = Backends.Get(backend);
        var keys = Rlpx.Value.GetProperty("keys");
        foreach (var (priv, pub) in new[] { ("static_key_A", "static_pubkey_A"), ("static_key_B", "static_pubkey_B"),
                                            ("ephemeral_key_A", "ephemeral_pubkey_A"), ("ephemeral_key_B", "ephemeral_pubkey_B") })
            Assert.Equal(Hex(Bytes(keys, pub)), Hex(secp.CreatePublicKey(Bytes(keys, priv))));

        var secrets = Rlpx.Value.GetProperty("derived_secrets_auth2_ack2_at_B").GetProperty("intermediate_not_in_spec_computed_here");
        var ephemeral = Hex(Bytes(secrets, "ephemeral_shared_secret_ecdh_x"));
        Assert.Equal(ephemeral, Hex(secp.Ecdh(Bytes(keys, "ephemeral_key_A"), Bytes(keys, "ephemeral_pubkey_B"))));
        Assert.Equal(ephemeral, Hex(secp.Ecdh(Bytes(keys, "ephemeral_key_B"), Bytes(keys, "ephemeral_pubkey_A"))));
        var stat = Hex(Bytes(secrets, "static_shared_secret_A_B"));
        Assert.Equal(stat, Hex(secp.Ecdh(Bytes(keys, "static_key_A"), Bytes(keys, "static_pubkey_B"))));
        Assert.Equal(stat, Hex(secp.Ecdh(Bytes(keys, "static_key_B"), Bytes(keys, "static_pubkey_A"))));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void RlpxAuthSignatureRecoversTheEphemeralKey(string backend)
    {
        // auth: sig = sign(ephemeral-privk, static-shared-secret ^ initiator-nonce)
        var secp = Backends.Get(backend);
        var keys = Rlpx.Value.GetProperty("keys");
        var shared = Secp256k1Extensions.Ecdh(secp, Bytes(keys, "static_key_A"), Bytes(keys, "static_pubkey_B"));
        var nonce = Bytes(keys, "nonce_A");
        var hash = new byte[32];
        for (int i = 0; i < 32; i++)
            hash[i] = (byte)(shared[i] ^ nonce[i]);
        var signature = Bytes(Rlpx.Value, "messages", "auth1_pre_eip8", "decoded", "signature");

        Assert.Equal(Hex(Bytes(keys, "ephemeral_pubkey_A")), Hex(secp.RecoverPublicKey(signature, hash)));
        Assert.True(secp.Verify(signature, hash, Bytes(keys, "ephemeral_pubkey_A")));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void Discv4PacketSignaturesRecoverTheSigner(string backend)
    {
        var secp = Backends.Get(backend);
        var signer = Hex(Bytes(Discv4.Value, "signer_public_key_64"));
        int count = 0;
        foreach (var packet in Discv4.Value.GetProperty("packets").EnumerateArray())
        {
            var bytes = Convert.FromHexString(packet.GetProperty("hex").GetString()!);
            Assert.Equal(Hex(bytes.AsSpan(0, 32)), Hex(Keccak256.Hash(bytes.AsSpan(32))));
            var signature = bytes.AsSpan(32, 65).ToArray();
            var hash = Keccak256.Hash(bytes.AsSpan(97));
            Assert.Equal(signer, Hex(secp.RecoverPublicKey(signature, hash)));
            count++;
        }
        Assert.True(count >= 5);
    }
}
