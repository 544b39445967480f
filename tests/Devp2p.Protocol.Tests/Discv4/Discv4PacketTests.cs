using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Rlp;
using static Devp2p.Protocol.Tests.Discv4.PacketFactory;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>Round trips of every packet type, ethereumjs quirks, and each typed decode error.</summary>
public class Discv4PacketTests
{
    private const ulong Expiration = 1_700_000_020;
    private static readonly byte[] Hash32 = Keccak256.Hash("ping"u8);

    public static TheoryData<string> PacketKinds => new("ping", "ping-seq", "pong", "pong-seq", "findnode", "neighbors", "neighbors-empty", "enrrequest", "enrresponse");

    [Theory, MemberData(nameof(PacketKinds))]
    public void Every_type_round_trips_with_the_signer_and_hash(string kind)
    {
        var packet = Make(kind);
        var bytes = Discv4Codec.Encode(packet, Key);
        Assert.Equal(Discv4Codec.GetEncodedLength(packet), bytes.Length);

        var decoded = Discv4Codec.Decode(bytes);
        Assert.Equal(packet.Type, decoded.Type);
        Assert.Equal(Discv4Vectors.SignerPublicKey, decoded.Sender.Bytes.ToArray());
        Assert.Equal(bytes[..32], decoded.Hash.ToArray());
        Assert.Equal(Keccak256.Hash(bytes.AsSpan(32)), decoded.Hash.ToArray());
        // Signing is deterministic, so re-encoding the decoded packet reproduces the datagram.
        Assert.Equal(bytes, Discv4Codec.Encode(decoded.Packet, Key));
        AssertSameFields(packet, decoded.Packet);
    }

    [Fact]
    public void Encode_into_a_span_matches_the_array_form()
    {
        var packet = Make("ping-seq");
        var buffer = new byte[Discv4Constants.MaxPacketSize];
        int written = Discv4Codec.Encode(packet, Key, buffer);
        Assert.Equal(Discv4Codec.Encode(packet, Key), buffer[..written]);
        Assert.Throws<ArgumentException>(() => Discv4Codec.Encode(packet, Key, new byte[written - 1]));
    }

    [Fact]
    public void Ports_with_a_leading_zero_byte_as_ethereumjs_sends_are_accepted()
    {
        // [4, [ip, 0x0050, 0x001e], [ip, 0x7665, 0x7665], expiration] — port 80 and 30 as two bytes.
        var from = RlpCodec.EncodeList(RlpCodec.EncodeBytes([127, 0, 0, 1]), RlpCodec.EncodeBytes([0x00, 0x50]), RlpCodec.EncodeBytes([0x00, 0x1e]));
        var to = RlpCodec.EncodeList(RlpCodec.EncodeBytes([127, 0, 0, 1]), RlpCodec.EncodeUInt64(30309), RlpCodec.EncodeUInt64(30309));
        var data = RlpCodec.EncodeList(RlpCodec.EncodeUInt64(4), from, to, RlpCodec.EncodeBytes([0x65, 0x5b, 0x1f, 0x40]));

        var ping = (PingPacket)Discv4Codec.Decode(Frame(1, data)).Packet;
        Assert.Equal(80, ping.From.UdpPort);
        Assert.Equal(30, ping.From.TcpPort);
        Assert.Equal(30309, ping.To.UdpPort);
        Assert.Equal(0x655b1f40UL, ping.ExpirationTime);
    }

    [Fact]
    public void A_port_of_three_bytes_is_BadRlp()
    {
        var from = RlpCodec.EncodeList(RlpCodec.EncodeBytes([127, 0, 0, 1]), RlpCodec.EncodeBytes([0x00, 0x00, 0x50]), RlpCodec.EncodeUInt64(1));
        var data = RlpCodec.EncodeList(RlpCodec.EncodeUInt64(4), from, from, RlpCodec.EncodeUInt64(Expiration));
        AssertError(Discv4PacketError.BadRlp, Frame(1, data));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(15)]
    public void An_ip_of_another_length_decodes_without_an_address(int length)
    {
        var node = RlpCodec.EncodeList(RlpCodec.EncodeBytes(new byte[length]), RlpCodec.EncodeUInt64(30303), RlpCodec.EncodeUInt64(30303), RlpCodec.EncodeBytes(new byte[64]));
        var data = RlpCodec.EncodeList(RlpCodec.EncodeList(node), RlpCodec.EncodeUInt64(Expiration));
        var neighbors = (NeighborsPacket)Discv4Codec.Decode(Frame(4, data)).Packet;
        var endpoint = Assert.Single(neighbors.Nodes).Endpoint;
        Assert.Null(endpoint.Address);
        Assert.Equal(length, endpoint.IpBytes.Length);
        Assert.Equal(RelayIpResult.InvalidIp, RelayIpCheck.Check(IPAddress.Parse("8.8.8.8"), endpoint));
    }

    [Fact]
    public void An_ipv4_mapped_address_is_sent_as_four_bytes()
    {
        var endpoint = new NodeEndpoint(IPAddress.Parse("::ffff:10.1.2.3"), 1, 2);
        Assert.Equal([10, 1, 2, 3], endpoint.IpBytes.ToArray());
        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoint.Address);
    }

    [Fact]
    public void Extra_elements_in_endpoints_and_nodes_are_ignored()
    {
        var node = RlpCodec.EncodeList(RlpCodec.EncodeBytes([1, 2, 3, 4]), RlpCodec.EncodeUInt64(30303), RlpCodec.EncodeUInt64(30304),
            RlpCodec.EncodeBytes(new byte[64]), RlpCodec.EncodeUInt64(99), RlpCodec.EncodeList());
        var data = RlpCodec.EncodeList(RlpCodec.EncodeList(node, node), RlpCodec.EncodeUInt64(Expiration));
        var neighbors = (NeighborsPacket)Discv4Codec.Decode(Frame(4, data)).Packet;
        Assert.Equal(2, neighbors.Nodes.Count);
        Assert.Equal(30304, neighbors.Nodes[1].TcpPort);
    }

    [Fact]
    public void An_enr_response_record_must_be_a_list()
    {
        var data = RlpCodec.EncodeList(RlpCodec.EncodeBytes(Hash32), RlpCodec.EncodeBytes([1, 2, 3]));
        AssertError(Discv4PacketError.BadRlp, Frame(6, data));
        Assert.Throws<ArgumentException>(() => new EnrResponsePacket(Hash32, RlpCodec.EncodeBytes([1, 2, 3])));
    }

    [Fact]
    public void Each_error_kind_is_reported()
    {
        var good = Discv4Codec.Encode(Make("ping"), Key);
        AssertError(Discv4PacketError.TooSmall, good[..97]);
        AssertError(Discv4PacketError.TooSmall, []);
        AssertError(Discv4PacketError.TooLarge, new byte[Discv4Constants.MaxReceivedPacketSize + 1]);

        var badHash = (byte[])good.Clone();
        badHash[0] ^= 1;
        AssertError(Discv4PacketError.BadHash, badHash);

        AssertError(Discv4PacketError.UnknownType, Frame(7, RlpCodec.EncodeList()));
        AssertError(Discv4PacketError.UnknownType, Frame(0, RlpCodec.EncodeList()));
        AssertError(Discv4PacketError.BadRlp, Frame(1, []));
        AssertError(Discv4PacketError.BadRlp, Frame(1, RlpCodec.EncodeList()));
        AssertError(Discv4PacketError.BadRlp, Frame(3, RlpCodec.EncodeList(RlpCodec.EncodeBytes(new byte[63]), RlpCodec.EncodeUInt64(1))));

        // A signature with recovery id 4 cannot recover: BadSignature, after the hash is fixed up.
        var badSig = (byte[])good.Clone();
        badSig[Discv4Constants.HeadSize - 1] = 4;
        AssertError(Discv4PacketError.BadSignature, Rehash(badSig));
        var zeroSig = (byte[])good.Clone();
        zeroSig.AsSpan(32, 65).Clear();
        AssertError(Discv4PacketError.BadSignature, Rehash(zeroSig));
    }

    [Fact]
    public void Packets_up_to_2048_bytes_are_accepted()
    {
        // 20 nodes of 16-byte IPs: well over 1280, as ethereumjs's 16-node Neighbors is.
        var random = new Random(7);
        var nodes = Enumerable.Range(0, 20).Select(_ => Node(random, "2a01:4f8::1")).ToArray();
        var packet = new NeighborsPacket(nodes, Expiration);
        Assert.True(Discv4Codec.GetEncodedLength(packet) is > Discv4Constants.MaxPacketSize and <= Discv4Constants.MaxReceivedPacketSize);
        var error = Assert.Throws<Discv4PacketException>(() => Discv4Codec.Encode(packet, Key));
        Assert.Equal(Discv4PacketError.TooLarge, error.Error);

        var framed = Frame(4, RlpData(packet));
        var decoded = (NeighborsPacket)Discv4Codec.Decode(framed).Packet;
        Assert.Equal(nodes, decoded.Nodes);
    }

    [Fact]
    public void Constructors_reject_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => new PongPacket(Endpoint("1.2.3.4"), new byte[31], Expiration));
        Assert.Throws<ArgumentException>(() => new EnrResponsePacket(new byte[33], RlpCodec.EncodeList()));
        Assert.Throws<RlpException>(() => new EnrRequestPacket(Expiration, [[0x81, 0x05]]));
    }

    internal static byte[] RlpData(Discv4Packet packet)
    {
        var buffer = new byte[packet.EncodedLength];
        var writer = new RlpWriter(buffer);
        packet.Write(ref writer);
        return buffer;
    }

    internal static void AssertError(Discv4PacketError expected, byte[] datagram)
    {
        var error = Assert.Throws<Discv4PacketException>(() => Discv4Codec.Decode(datagram));
        Assert.Equal(expected, error.Error);
    }

    private static Discv4Packet Make(string kind)
    {
        var random = new Random(kind.Length);
        return kind switch
        {
            "ping" => new PingPacket(Endpoint("10.0.0.1", 30303, 30304), Endpoint("2001:db8::1", 1, 0), Expiration),
            "ping-seq" => new PingPacket(Endpoint("127.0.0.1"), Endpoint("8.8.4.4", 65535, 65535), Expiration, enrSeq: 0x0102030405),
            "pong" => new PongPacket(Endpoint("8.8.8.8"), Hash32, Expiration),
            "pong-seq" => new PongPacket(Endpoint("8.8.8.8"), Hash32, Expiration, enrSeq: 0),
            "findnode" => new FindNodePacket(RandomId(random), Expiration),
            "neighbors" => new NeighborsPacket([Node(random), Node(random, "2a01::5", 1), Node(random, "1.1.1.1", 0)], Expiration),
            "neighbors-empty" => new NeighborsPacket([], Expiration),
            "enrrequest" => new EnrRequestPacket(Expiration),
            "enrresponse" => new EnrResponsePacket(Hash32, RlpCodec.EncodeList(RlpCodec.EncodeBytes(new byte[64]), RlpCodec.EncodeUInt64(1))),
            _ => throw new ArgumentException(kind),
        };
    }

    private static void AssertSameFields(Discv4Packet expected, Discv4Packet actual)
    {
        Assert.Equal(expected.Expiration, actual.Expiration);
        Assert.Equal(expected.Rest, actual.Rest);
        switch (expected, actual)
        {
            case (PingPacket e, PingPacket a):
                Assert.Equal((e.Version, e.From, e.To, e.EnrSeq), (a.Version, a.From, a.To, a.EnrSeq));
                break;
            case (PongPacket e, PongPacket a):
                Assert.Equal((e.To, e.EnrSeq), (a.To, a.EnrSeq));
                Assert.Equal(e.PingHash.ToArray(), a.PingHash.ToArray());
                break;
            case (FindNodePacket e, FindNodePacket a):
                Assert.Equal(e.Target, a.Target);
                break;
            case (NeighborsPacket e, NeighborsPacket a):
                Assert.Equal(e.Nodes, a.Nodes);
                break;
            case (EnrRequestPacket, EnrRequestPacket):
                break;
            case (EnrResponsePacket e, EnrResponsePacket a):
                Assert.Equal(e.RequestHash.ToArray(), a.RequestHash.ToArray());
                Assert.Equal(e.Record.ToArray(), a.Record.ToArray());
                break;
            default:
                Assert.Fail($"type changed: {expected.Type} → {actual.Type}");
                break;
        }
    }
}
