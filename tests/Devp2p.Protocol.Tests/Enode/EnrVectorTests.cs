using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Tests.Crypto;

namespace Devp2p.Protocol.Tests.Enode;

/// <summary>The EIP-778 example record: decoding, typed values, verification and exact re-signing.</summary>
public class EnrVectorTests
{
    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    [Fact]
    public void Parses_the_text_form_with_every_field()
    {
        var record = Enr.Parse(EnrVector.Text);

        Assert.Equal(EnrVector.Seq, record.Seq);
        Assert.Equal(Hex(EnrVector.Signature), Hex(record.Signature.Span));
        Assert.Equal(Hex(EnrVector.Rlp), Hex(record.Encoded.Span));
        Assert.Equal(Hex(EnrVector.Rlp), Hex(record.ToRlp()));
        Assert.Equal(EnrVector.Rlp.Length, record.Size);
        Assert.Equal(EnrVector.Pairs, record.Entries.Select(e => (e.Key, Hex(e.Content.Span))));
        Assert.All(record.Entries, e => Assert.False(e.IsList));
    }

    [Fact]
    public void Typed_values_match_the_decoded_pairs()
    {
        var record = Enr.Parse(EnrVector.Text);
        var decoded = EnrVector.Decoded;

        Assert.Equal(decoded.GetProperty("id").GetString(), record.IdentityScheme);
        Assert.Equal(decoded.GetProperty("secp256k1_compressed").GetString(), Hex(record.Secp256k1!.Value.Span));
        Assert.Equal(IPAddress.Parse(decoded.GetProperty("ip").GetString()!), record.Ip);
        Assert.Equal(decoded.GetProperty("udp").GetInt32(), record.Udp);
        Assert.Null(record.Tcp);
        Assert.Null(record.Ip6);
        Assert.Null(record.Tcp6);
        Assert.Null(record.Udp6);
        Assert.Equal(Hex(EnrVector.PublicKey64), record.PublicKey!.ToHex());
        Assert.Equal(Hex(EnrVector.NodeId), Hex(record.NodeIdHash!.Value.Span));
        Assert.Equal(Hex(EnrVector.NodeId), Hex(record.PublicKey.Hash));
    }

    [Fact]
    public void Decodes_the_rlp_form_and_re_encodes_identical_text()
    {
        var fromRlp = Enr.Decode(EnrVector.Rlp);
        var fromText = Enr.Parse(EnrVector.Text);

        Assert.Equal(fromText, fromRlp);
        Assert.Equal(fromText.GetHashCode(), fromRlp.GetHashCode());
        Assert.Equal(EnrVector.Text, fromRlp.ToText());
        Assert.Equal(EnrVector.Text, fromText.ToString());
    }

    [Fact]
    public void Signature_is_valid_and_covers_the_vector_content()
    {
        var record = Enr.ParseUnverified(EnrVector.Text);
        Assert.True(record.IsSignatureValid);
        record.VerifySignature();

        Assert.Equal(Hex(EnrVector.SignedContent), Hex(Devp2p.Protocol.Rlp.RlpCodec.WrapList(record.SignedContent)));
        Assert.Equal(Hex(EnrVector.SignedHash), Hex(Keccak256.Hash(EnrVector.SignedContent)));
        Assert.True(Secp256k1.Default.Verify(EnrVector.Signature, EnrVector.SignedHash, record.Secp256k1!.Value.Span));
    }

    [Theory, ManagedBackend, NativeBackend]
    public void Signing_the_vector_content_reproduces_the_vector_exactly(string backend)
    {
        var decoded = EnrVector.Decoded;
        var record = new EnrBuilder()
            .WithSeq(EnrVector.Seq)
            .WithIp(IPAddress.Parse(decoded.GetProperty("ip").GetString()!))
            .WithUdp(decoded.GetProperty("udp").GetInt32())
            .Sign(EnrVector.PrivateKey, Backends.Get(backend));

        Assert.Equal(Hex(EnrVector.Signature), Hex(record.Signature.Span));
        Assert.Equal(EnrVector.Text, record.ToText());
        Assert.Equal(Enr.Parse(EnrVector.Text), record);
        Assert.True(record.IsSignatureValid);
    }

    [Fact]
    public void Re_signing_a_decoded_record_reproduces_it()
    {
        var original = Enr.Parse(EnrVector.Text);
        var again = EnrBuilder.From(original).Sign(EnrVector.PrivateKey);
        Assert.Equal(original, again);
    }

    [Fact]
    public void Converts_to_an_enode_url()
    {
        var url = Enr.Parse(EnrVector.Text).ToEnodeUrl();
        var decoded = EnrVector.Decoded;

        Assert.Equal(Hex(EnrVector.PublicKey64), url.Id.ToHex());
        Assert.Equal(IPAddress.Parse(decoded.GetProperty("ip").GetString()!), url.Ip);
        Assert.Equal(0, url.TcpPort);
        Assert.Equal(decoded.GetProperty("udp").GetInt32(), url.UdpPort);
    }

    [Fact]
    public void Size_limit_is_the_vectors()
    {
        Assert.Equal(Enr.MaxSize, EnrVector.SizeLimit);
    }
}
