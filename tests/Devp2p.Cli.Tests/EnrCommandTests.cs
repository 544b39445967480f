using System.Net;
using System.Text.Json;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Cli.Tests;

public class EnrCommandTests
{
    private static readonly byte[] Key = Convert.FromHexString(Cli.EnrPrivateKey);

    private static JsonElement DecodeJson(string text, bool expectValid = true)
    {
        var result = Cli.Run("enr", "decode", text, "--json");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        using var doc = JsonDocument.Parse(result.Out); // exactly one JSON value, or this throws
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        Assert.Equal(expectValid, doc.RootElement.GetProperty("signatureValid").GetBoolean());
        return doc.RootElement.Clone();
    }

    [Fact]
    public void Json_of_the_vector_has_every_field()
    {
        var json = DecodeJson(Cli.EnrText);
        var vector = Cli.EnrVector;

        Assert.Equal(
            ["seq", "nodeId", "publicKey", "ip", "tcp", "udp", "ip6", "tcp6", "udp6", "signatureValid", "pairs"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(vector.GetProperty("seq").GetUInt64(), json.GetProperty("seq").GetUInt64());
        Assert.Equal(vector.GetProperty("node_id").GetString(), json.GetProperty("nodeId").GetString());
        Assert.Equal(vector.GetProperty("pairs").GetProperty("secp256k1").GetString(), json.GetProperty("publicKey").GetString());
        Assert.Equal(vector.GetProperty("pairs_decoded").GetProperty("ip").GetString(), json.GetProperty("ip").GetString());
        Assert.Equal(vector.GetProperty("pairs_decoded").GetProperty("udp").GetInt32(), json.GetProperty("udp").GetInt32());
        foreach (var absent in new[] { "tcp", "ip6", "tcp6", "udp6" })
            Assert.Equal(JsonValueKind.Null, json.GetProperty(absent).ValueKind);
        Assert.True(json.GetProperty("signatureValid").GetBoolean());

        var expectedPairs = vector.GetProperty("pairs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));
        var actualPairs = json.GetProperty("pairs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()));
        Assert.Equal(expectedPairs, actualPairs);
    }

    [Fact]
    public void Json_shows_ipv6_ports_and_list_values_as_full_rlp()
    {
        var eth = RlpCodec.EncodeList(RlpCodec.EncodeList(RlpCodec.EncodeBytes([0xfc, 0x64, 0xec, 0x04]), RlpCodec.EncodeUInt64(0)));
        var record = new EnrBuilder()
            .WithSeq(42)
            .WithIp(IPAddress.Parse("10.0.0.1")).WithTcp(30303).WithUdp(30301)
            .WithIp(IPAddress.Parse("2001:db8::1")).WithTcp6(30304).WithUdp6(30305)
            .WithRawValue("eth", eth)
            .Sign(Key);

        var json = DecodeJson(record.ToText());
        Assert.Equal(42UL, json.GetProperty("seq").GetUInt64());
        Assert.Equal("10.0.0.1", json.GetProperty("ip").GetString());
        Assert.Equal("2001:db8::1", json.GetProperty("ip6").GetString());
        Assert.Equal(30303, json.GetProperty("tcp").GetInt32());
        Assert.Equal(30301, json.GetProperty("udp").GetInt32());
        Assert.Equal(30304, json.GetProperty("tcp6").GetInt32());
        Assert.Equal(30305, json.GetProperty("udp6").GetInt32());
        var pairs = json.GetProperty("pairs");
        Assert.Equal(Convert.ToHexStringLower(eth), pairs.GetProperty("eth").GetString());
        Assert.Equal("765f", pairs.GetProperty("tcp").GetString());
        Assert.Equal("20010db8000000000000000000000001", pairs.GetProperty("ip6").GetString());
    }

    [Fact]
    public void A_record_with_a_bad_signature_is_shown_with_signature_invalid()
    {
        var rlp = Enr.Parse(Cli.EnrText).ToRlp();
        rlp[10] ^= 0x01; // inside the signature
        var text = "enr:" + System.Buffers.Text.Base64Url.EncodeToString(rlp);

        var json = DecodeJson(text, expectValid: false);
        Assert.Equal(Cli.EnrVector.GetProperty("node_id").GetString(), json.GetProperty("nodeId").GetString());

        var human = Cli.Run("enr", "decode", text);
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("(INVALID)", human.Out);
    }

    [Fact]
    public void Text_output_names_the_fields()
    {
        var result = Cli.Run("enr", "decode", "  " + Cli.EnrText + "\n");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("seq:        1\n", result.Out);
        Assert.Contains($"node id:    {Cli.EnrVector.GetProperty("node_id").GetString()}\n", result.Out);
        Assert.Contains("(valid)", result.Out);
        Assert.Contains("ip:         127.0.0.1\n", result.Out);
        Assert.Contains("udp:        30303\n", result.Out);
        Assert.Contains($"enode:      enode://{Cli.EnrPublicKey64}@127.0.0.1:0?discport=30303\n", result.Out);
        Assert.Contains("  secp256k1  03ca634c", result.Out);
    }

    [Theory]
    [InlineData("enr:abc=", "padding")]
    [InlineData("enr:-IS4QHCY$", "not base64url")]
    [InlineData("-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcB", "must start with \"enr:\"")]
    [InlineData("enr:wA", "record list is empty")]
    public void Bad_records_fail_with_one_line(string text, string messagePart)
    {
        var line = Cli.AssertFails(Cli.Run("enr", "decode", text, "--json"), messagePart);
        Assert.Contains("invalid ENR", line);
    }
}
