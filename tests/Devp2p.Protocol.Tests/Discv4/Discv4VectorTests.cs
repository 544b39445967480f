using System.Net;
using System.Text.Json;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>Every packet of discv4_eip8.json: signer, hash, fields, extra elements, and our stance on the geth-rejected ones.</summary>
public class Discv4VectorTests
{
    public static TheoryData<string> Names => Discv4Vectors.Names;

    [Theory, MemberData(nameof(Names))]
    public void Decodes_with_the_vector_signer_and_hash(string name)
    {
        var vector = Discv4Vectors.Packet(name);
        var decoded = Discv4Codec.Decode(Discv4Vectors.PacketBytes(name));
        var d = vector.GetProperty("decoded");

        Assert.Equal(Discv4Vectors.SignerPublicKey, decoded.Sender.Bytes.ToArray());
        Assert.Equal(Discv4Vectors.SignerNodeId, decoded.Sender.Hash.ToArray());
        Assert.Equal(Hex(d, "hash"), decoded.Hash.ToArray());
        Assert.Equal(d.GetProperty("packet_type").GetInt32(), (int)decoded.Type);
        Assert.Equal(d.GetProperty("expiration").GetUInt64(), decoded.Packet.Expiration);
    }

    [Theory, MemberData(nameof(Names))]
    public void Decodes_the_fields(string name)
    {
        var d = Discv4Vectors.Packet(name).GetProperty("decoded");
        var packet = Discv4Codec.Decode(Discv4Vectors.PacketBytes(name)).Packet;
        switch (packet)
        {
            case PingPacket ping:
                Assert.Equal(d.GetProperty("version").GetUInt64(), ping.Version);
                AssertEndpoint(d.GetProperty("from"), ping.From);
                AssertEndpoint(d.GetProperty("to"), ping.To);
                break;
            case PongPacket pong:
                AssertEndpoint(d.GetProperty("to"), pong.To);
                Assert.Equal(Hex(d, "ping_hash"), pong.PingHash.ToArray());
                break;
            case FindNodePacket findNode:
                Assert.Equal(Hex(d, "target"), findNode.Target.Bytes.ToArray());
                break;
            case NeighborsPacket neighbors:
                var expected = d.GetProperty("nodes").EnumerateArray().ToArray();
                Assert.Equal(expected.Length, neighbors.Nodes.Count);
                for (int i = 0; i < expected.Length; i++)
                {
                    AssertEndpoint(expected[i], neighbors.Nodes[i].Endpoint);
                    Assert.Equal(Hex(expected[i], "id"), neighbors.Nodes[i].Id.Bytes.ToArray());
                }
                break;
            default:
                Assert.Fail($"unexpected packet {packet.Type}");
                break;
        }
    }

    /// <summary>
    /// EIP-8: extra elements are ignored. They are kept, raw, in Rest — except a leading
    /// integer in Ping/Pong, which is EIP-868's ENR sequence number. A list in that slot (the
    /// two packets current geth rejects) is accepted here with no ENR seq: our documented choice.
    /// </summary>
    [Theory, MemberData(nameof(Names))]
    public void Extra_elements_become_EnrSeq_and_Rest(string name)
    {
        var vector = Discv4Vectors.Packet(name);
        var extras = vector.GetProperty("decoded").GetProperty("extra_list_elements_rlp").EnumerateArray()
            .Select(e => Convert.FromHexString(e.GetString()!)).ToList();
        var packet = Discv4Codec.Decode(Discv4Vectors.PacketBytes(name)).Packet;

        var (seq, malformed) = packet switch
        {
            PingPacket ping => (ping.EnrSeq, ping.EnrSeqSlotMalformed),
            PongPacket pong => (pong.EnrSeq, pong.EnrSeqSlotMalformed),
            _ => ((ulong?)null, false),
        };
        var reconstructed = new List<byte[]>();
        if (seq is { } s)
            reconstructed.Add(Devp2p.Protocol.Rlp.RlpCodec.EncodeUInt64(s));
        reconstructed.AddRange(packet.Rest);
        Assert.Equal(extras, reconstructed);

        // Geth rejects exactly the packets whose ENR-seq slot is not an integer; we accept them.
        Assert.Equal(!Discv4Vectors.GethAccepts(vector), malformed);
        if (malformed)
            Assert.Null(seq);
    }

    [Fact]
    public void Geth_plain_ping_has_no_enr_seq_and_the_extra_one_has_seq_1()
    {
        var plain = (PingPacket)Discv4Codec.Decode(Discv4Vectors.PacketBytes("ping_v4_plain_geth_only")).Packet;
        Assert.Null(plain.EnrSeq);
        Assert.Empty(plain.Rest);
        var extra = (PingPacket)Discv4Codec.Decode(Discv4Vectors.PacketBytes("ping_v4_extra_elements")).Packet;
        Assert.Equal(1UL, extra.EnrSeq);
        Assert.Equal([[0x02]], extra.Rest);
    }

    /// <summary>
    /// Re-encoding the decoded data gives the vector's type and RLP back byte for byte, minus
    /// any bytes after the list (the vectors' signatures used other nonces, so the head differs).
    /// </summary>
    [Theory, MemberData(nameof(Names))]
    public void Re_encodes_to_the_vector_when_nothing_trails_the_list(string name)
    {
        var vector = Discv4Vectors.Packet(name);
        var bytes = Discv4Vectors.PacketBytes(name);
        var packet = Discv4Codec.Decode(bytes).Packet;
        var encoded = Discv4Codec.Encode(packet, Discv4Vectors.SignerPrivateKey);
        string trailing = vector.GetProperty("decoded").GetProperty("trailing_data_after_list").GetString()!;
        Assert.Equal(bytes[Discv4Constants.HeadSize..^(trailing.Length / 2)], encoded[Discv4Constants.HeadSize..]);
        Assert.Equal(Discv4Vectors.SignerPublicKey, Discv4Codec.Decode(encoded).Sender.Bytes.ToArray());
    }

    private static void AssertEndpoint(JsonElement expected, NodeEndpoint actual)
    {
        Assert.Equal(IPAddress.Parse(expected.GetProperty("ip").GetString()!), actual.Address);
        Assert.Equal(expected.GetProperty("udp").GetUInt16(), actual.UdpPort);
        Assert.Equal(expected.GetProperty("tcp").GetUInt16(), actual.TcpPort);
    }

    private static byte[] Hex(JsonElement element, string property) => Convert.FromHexString(element.GetProperty(property).GetString()!);
}
