using System.Buffers.Text;
using System.Numerics;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Enode;

/// <summary>
/// Mutations of the EIP-778 example record: each must be rejected with the right
/// <see cref="EnrError"/> (and a message naming the problem), or, for signature problems,
/// decode unverified with <see cref="Enr.IsSignatureValid"/> false and fail the strict path.
/// </summary>
public class EnrRejectionTests
{
    private static readonly string[] VectorOrder = ["id", "ip", "secp256k1", "udp"];

    private static byte[] Value(string key) => RlpCodec.EncodeBytes(EnrVector.Pair(key));

    /// <summary>rlp([signature, seq, k, v, ...]) from encoded parts, no checks.</summary>
    private static byte[] Record(byte[] signature, byte[] encodedSeq, params (string Key, byte[] RawValue)[] pairs)
    {
        var items = new List<byte[]> { RlpCodec.EncodeBytes(signature), encodedSeq };
        foreach (var (key, raw) in pairs)
        {
            items.Add(RlpCodec.EncodeUtf8(key));
            items.Add(raw);
        }
        return RlpCodec.EncodeList([.. items]);
    }

    private static (string, byte[])[] VectorPairs(params string[] order) => [.. order.Select(k => (k, Value(k)))];

    private static byte[] VectorSeq => RlpCodec.EncodeUInt64(EnrVector.Seq);

    private static string Text(byte[] rlp) => "enr:" + Base64Url.EncodeToString(rlp);

    private static EnrFormatException Rejects(byte[] rlp, EnrError error, string messagePart)
    {
        var ex = Assert.Throws<EnrFormatException>(() => Enr.DecodeUnverified(rlp));
        Assert.Equal(error, ex.Error);
        Assert.Contains(messagePart, ex.Message);
        Assert.Equal(error, Assert.Throws<EnrFormatException>(() => Enr.Decode(rlp)).Error);
        if (rlp.Length <= Enr.MaxSize)
            Assert.Equal(error, Assert.Throws<EnrFormatException>(() => Enr.Parse(Text(rlp))).Error);
        return ex;
    }

    private static void FailsSignature(byte[] rlp, EnrError error, string messagePart)
    {
        var record = Enr.DecodeUnverified(rlp);
        Assert.False(record.IsSignatureValid);
        var ex = Assert.Throws<EnrFormatException>(() => Enr.Decode(rlp));
        Assert.Equal(error, ex.Error);
        Assert.Contains(messagePart, ex.Message);
        Assert.False(Enr.TryParse(Text(rlp), out _));
    }

    [Fact]
    public void Rebuilding_the_vector_from_parts_gives_the_vector()
    {
        Assert.Equal(EnrVector.Rlp, Record(EnrVector.Signature, VectorSeq, VectorPairs(VectorOrder)));
    }

    [Fact]
    public void Tampered_signature_is_invalid()
    {
        var signature = EnrVector.Signature;
        signature[10] ^= 0x01;
        FailsSignature(Record(signature, VectorSeq, VectorPairs(VectorOrder)), EnrError.InvalidSignature, "does not verify");
    }

    [Fact]
    public void Tampered_content_is_invalid()
    {
        var pairs = VectorPairs(VectorOrder);
        pairs[3] = ("udp", RlpCodec.EncodeUInt64(30304));
        FailsSignature(Record(EnrVector.Signature, VectorSeq, pairs), EnrError.InvalidSignature, "does not verify");
        FailsSignature(Record(EnrVector.Signature, RlpCodec.EncodeUInt64(2), VectorPairs(VectorOrder)), EnrError.InvalidSignature, "does not verify");
    }

    [Fact]
    public void High_s_signature_is_invalid()
    {
        // s' = n - s verifies mathematically; like libsecp256k1 and geth, only low s is accepted.
        var n = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
        var signature = EnrVector.Signature;
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: true);
        (n - s).TryWriteBytes(signature.AsSpan(32), out _, isUnsigned: true, isBigEndian: true);
        FailsSignature(Record(signature, VectorSeq, VectorPairs(VectorOrder)), EnrError.InvalidSignature, "does not verify");
    }

    [Fact]
    public void Signature_of_the_wrong_length_is_invalid()
    {
        FailsSignature(Record(EnrVector.Signature[..63], VectorSeq, VectorPairs(VectorOrder)), EnrError.InvalidSignature, "64 bytes");
        FailsSignature(Record([.. EnrVector.Signature, 0x01], VectorSeq, VectorPairs(VectorOrder)), EnrError.InvalidSignature, "64 bytes");
    }

    [Fact]
    public void Unknown_or_missing_identity_scheme_is_not_verifiable()
    {
        var pairs = VectorPairs(VectorOrder);
        pairs[0] = ("id", RlpCodec.EncodeUtf8("v5"));
        FailsSignature(Record(EnrVector.Signature, VectorSeq, pairs), EnrError.UnknownIdentityScheme, "\"v5\"");
        FailsSignature(Record(EnrVector.Signature, VectorSeq, VectorPairs("ip", "secp256k1", "udp")), EnrError.UnknownIdentityScheme, "no \"id\"");
        FailsSignature(Record(EnrVector.Signature, VectorSeq, VectorPairs("id", "ip", "udp")), EnrError.MissingPublicKey, "secp256k1");
    }

    [Fact]
    public void Unsorted_keys_are_rejected()
    {
        Rejects(Record(EnrVector.Signature, VectorSeq, VectorPairs("ip", "id", "secp256k1", "udp")), EnrError.KeysNotSorted, "\"id\" comes after \"ip\"");
    }

    [Fact]
    public void Duplicate_keys_are_rejected()
    {
        Rejects(Record(EnrVector.Signature, VectorSeq, VectorPairs("id", "id", "ip", "secp256k1", "udp")), EnrError.DuplicateKey, "\"id\" appears more than once");
    }

    [Fact]
    public void Odd_key_value_count_is_rejected()
    {
        var items = new List<byte[]> { RlpCodec.EncodeBytes(EnrVector.Signature), VectorSeq };
        foreach (var (key, raw) in VectorPairs(VectorOrder))
        {
            items.Add(RlpCodec.EncodeUtf8(key));
            items.Add(raw);
        }
        items.RemoveAt(items.Count - 1);
        Rejects(RlpCodec.EncodeList([.. items]), EnrError.IncompletePair, "\"udp\" has no value");
    }

    [Fact]
    public void Records_over_300_bytes_are_rejected()
    {
        (string, byte[])[] pairs = [.. VectorPairs(VectorOrder), ("zz", [])];
        pairs[^1] = ("zz", RlpCodec.EncodeBytes(new byte[EnrVector.SizeLimit - EnrVector.Rlp.Length]));
        var rlp = Record(EnrVector.Signature, VectorSeq, pairs);
        Assert.True(rlp.Length > EnrVector.SizeLimit);
        Rejects(rlp, EnrError.TooBig, "limit is 300");
        Assert.Equal(EnrError.TooBig, Assert.Throws<EnrFormatException>(() => Enr.Parse(Text(rlp))).Error);
    }

    [Fact]
    public void Exactly_300_bytes_is_accepted()
    {
        (string, byte[])[] pairs = [.. VectorPairs(VectorOrder), ("zz", [])];
        int room = EnrVector.SizeLimit - EnrVector.Rlp.Length - 3 - 3; // key "zz" (3), string header (2) + list header growth (1)
        pairs[^1] = ("zz", RlpCodec.EncodeBytes(new byte[room]));
        var rlp = Record(EnrVector.Signature, VectorSeq, pairs);
        Assert.Equal(EnrVector.SizeLimit, rlp.Length);
        var record = Enr.DecodeUnverified(rlp);
        Assert.Equal(Text(rlp), record.ToText());
        Assert.Equal(record, Enr.ParseUnverified(Text(rlp)));
    }

    [Theory]
    [InlineData("820001", "leading zero")]          // 1 with a leading zero byte
    [InlineData("00", "leading zero")]              // zero must be 0x80
    [InlineData("89010000000000000000", "UInt64")]  // 9 bytes
    [InlineData("c101", "list")]                    // a list
    public void Non_canonical_seq_is_rejected(string encodedSeqHex, string messagePart)
    {
        var ex = Rejects(Record(EnrVector.Signature, Convert.FromHexString(encodedSeqHex), VectorPairs(VectorOrder)), EnrError.InvalidSeq, "seq");
        Assert.Contains(messagePart, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("ip", "837f0000", "4 bytes")]
    [InlineData("ip", "c0", "not a list")]
    [InlineData("ip6", "00", "16 bytes")]
    [InlineData("udp", "83010000", "port")]
    [InlineData("udp", "820001", "port")]
    [InlineData("tcp", "c0", "port")]
    [InlineData("secp256k1", "820001", "33 bytes")]
    public void Malformed_well_known_values_are_rejected_at_decode(string key, string rawHex, string messagePart)
    {
        var pairs = VectorPairs(VectorOrder).ToDictionary(p => p.Item1, p => p.Item2);
        pairs[key] = Convert.FromHexString(rawHex);
        var sorted = pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToArray();
        var ex = Rejects(Record(EnrVector.Signature, VectorSeq, sorted), EnrError.InvalidValue, messagePart);
        Assert.Contains($"\"{key}\"", ex.Message);
    }

    [Fact]
    public void Public_key_off_the_curve_is_rejected()
    {
        var pairs = VectorPairs(VectorOrder);
        var key = EnrVector.Pair("secp256k1");
        key.AsSpan(1).Clear();
        key[^1] = 5; // x = 5: 5³ + 7 is not a square mod p, so no point has this x
        pairs[2] = ("secp256k1", RlpCodec.EncodeBytes(key));
        Rejects(Record(EnrVector.Signature, VectorSeq, pairs), EnrError.InvalidValue, "not a valid public key");
    }

    [Theory]
    [InlineData("c0", "empty")]                   // no signature
    [InlineData("c180", "no seq")]                // signature only
    [InlineData("80", "list")]                    // not a list
    [InlineData("", "list")]                      // nothing at all
    [InlineData("c3c08080", "signature must be a byte string")]
    [InlineData("c48080c001", "key #1 must be a byte string")]
    public void Structural_garbage_is_rejected(string hex, string messagePart)
    {
        var ex = Assert.Throws<EnrFormatException>(() => Enr.DecodeUnverified(Convert.FromHexString(hex)));
        Assert.Contains(messagePart, ex.Message);
    }

    [Fact]
    public void Trailing_bytes_and_non_canonical_values_are_rejected()
    {
        Rejects([.. EnrVector.Rlp, 0x00], EnrError.InvalidRlp, "follow the single expected item");
        (string, byte[])[] pairs = [.. VectorPairs(VectorOrder), ("zz", [])];
        pairs[^1] = ("zz", Convert.FromHexString("c28105")); // a list holding 0x05 wrapped as a string
        Rejects(Record(EnrVector.Signature, VectorSeq, pairs), EnrError.InvalidRlp, "value of \"zz\"");
    }

    [Theory]
    [InlineData("{0}", "must start with \"enr:\"")]                      // missing prefix
    [InlineData("ENR:{0}", "must start with \"enr:\"")]                  // prefix is case-sensitive
    [InlineData("enode:{0}", "must start with \"enr:\"")]
    [InlineData("enr:", "nothing after")]
    [InlineData("enr:{0}=", "padding")]
    [InlineData("enr:{0} ", "not base64url")]
    [InlineData("enr:{0}$", "'$'")]
    [InlineData("enr:{0}AA", "truncated")]                             // length mod 4 becomes 1
    [InlineData("enr:{1}", "not base64url")]                           // standard alphabet '+' '/'
    public void Bad_text_is_rejected(string template, string messagePart)
    {
        var body = EnrVector.Text["enr:".Length..];
        var text = string.Format(template, body, body.Replace('-', '+').Replace('_', '/'));
        var ex = Assert.Throws<EnrFormatException>(() => Enr.ParseUnverified(text));
        Assert.Equal(EnrError.InvalidText, ex.Error);
        Assert.Contains(messagePart, ex.Message);
        Assert.False(Enr.TryParse(text, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Non_zero_unused_bits_in_the_last_character_are_rejected()
    {
        // 134 bytes = 44 groups of 3 + 2 left over: 3 characters, the last carrying 2 unused (zero) bits.
        var body = EnrVector.Text["enr:".Length..];
        Assert.Equal(3, body.Length % 4);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var text = "enr:" + body[..^1] + alphabet[alphabet.IndexOf(body[^1]) | 1];
        var ex = Assert.Throws<EnrFormatException>(() => Enr.ParseUnverified(text));
        Assert.Equal(EnrError.InvalidText, ex.Error);
        Assert.Contains("unused bits", ex.Message);
    }

    [Fact]
    public void Overlong_text_is_rejected_before_decoding()
    {
        var ex = Assert.Throws<EnrFormatException>(() => Enr.ParseUnverified("enr:" + new string('A', 10_000)));
        Assert.Equal(EnrError.TooBig, ex.Error);
    }
}
