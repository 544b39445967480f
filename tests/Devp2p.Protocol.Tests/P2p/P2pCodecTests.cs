using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;
using Devp2p.Protocol.Tests.Rlpx;
using static Devp2p.Protocol.Tests.Rlpx.RlpxVectors;

namespace Devp2p.Protocol.Tests.P2p;

public class P2pCodecTests
{
    [Fact]
    public void Eip8_hello_vector_decodes_ignoring_extra_elements()
    {
        var hello = Hello.Decode(Hex("devp2p_hello_eip8/hex"));
        var d = Get("devp2p_hello_eip8/decoded");
        Assert.Equal(d.GetProperty("protocolVersion").GetUInt32(), hello.ProtocolVersion);
        Assert.Equal(55u, hello.ProtocolVersion);
        Assert.Equal(d.GetProperty("clientId").GetString(), hello.ClientId);
        var caps = d.GetProperty("capabilities").EnumerateArray()
            .Select(c => new Capability(c[0].GetString()!, c[1].GetUInt32())).ToArray();
        Assert.Equal(caps, hello.Capabilities);
        Assert.Contains(new Capability("mork", 22), hello.Capabilities);
        Assert.Equal(d.GetProperty("listenPort").GetUInt64(), hello.ListenPort);
        Assert.Equal(Hex("devp2p_hello_eip8/decoded/nodeId"), hello.NodeId);
        Assert.True(hello.SupportsSnappy);
    }

    [Fact]
    public void Hello_round_trips()
    {
        var id = new byte[64];
        new Random(3).NextBytes(id);
        var hello = new Hello(5, "devp2p-actors/test", [new Capability("eth", 68), new Capability("snap", 1)], 30303, id);
        var back = Hello.Decode(hello.Encode());
        Assert.Equal(hello.ProtocolVersion, back.ProtocolVersion);
        Assert.Equal(hello.ClientId, back.ClientId);
        Assert.Equal(hello.Capabilities, back.Capabilities);
        Assert.Equal(hello.ListenPort, back.ListenPort);
        Assert.Equal(id, back.NodeId);
        Assert.Equal("eth/68", hello.Capabilities[0].ToString());
    }

    [Fact]
    public void Hello_with_short_node_id_is_rejected()
    {
        var bad = RlpCodec.EncodeList(RlpCodec.EncodeUInt64(5), RlpCodec.EncodeUtf8("x"), RlpCodec.EncodeList(), RlpCodec.EncodeUInt64(0), RlpCodec.EncodeBytes(new byte[63]));
        Assert.Throws<RlpException>(() => Hello.Decode(bad));
    }

    [Theory]
    [InlineData("c104", DisconnectReason.TooManyPeers)]       // spec: [reason]
    [InlineData("04", DisconnectReason.TooManyPeers)]         // ethereumjs: bare byte
    [InlineData("c110", DisconnectReason.SubprotocolError)]
    [InlineData("10", DisconnectReason.SubprotocolError)]
    [InlineData("c180", DisconnectReason.Requested)]
    [InlineData("80", DisconnectReason.Requested)]
    [InlineData("c0", DisconnectReason.Requested)]
    [InlineData("", DisconnectReason.Requested)]
    [InlineData("c20b01", DisconnectReason.ReadTimeout)]      // extra elements ignored
    public void Disconnect_reads_list_and_bare_forms(string hex, DisconnectReason expected) =>
        Assert.Equal(expected, Disconnect.Decode(Convert.FromHexString(hex)));

    [Fact]
    public void Disconnect_is_sent_as_a_list() =>
        Assert.Equal(Convert.FromHexString("c104"), Disconnect.Encode(DisconnectReason.TooManyPeers));

    [Theory]
    [InlineData(DisconnectReason.Requested, 0x00, "disconnect requested")]
    [InlineData(DisconnectReason.TooManyPeers, 0x04, "too many peers")]
    [InlineData(DisconnectReason.Self, 0x0a, "connected to self")]
    [InlineData(DisconnectReason.SubprotocolError, 0x10, "subprotocol error")]
    public void Reason_codes_are_geths(DisconnectReason reason, byte code, string text)
    {
        Assert.Equal(code, (byte)reason);
        Assert.Equal(text, reason.Describe());
    }

    [Theory]
    [InlineData(false, false)] // uncompressed list on a plain session
    [InlineData(true, true)]   // compressed list on a snappy session
    [InlineData(true, false)]  // ethereumjs: uncompressed bare byte after a v5 Hello
    public void Disconnect_arrives_compressed_or_not(bool snappySession, bool senderCompresses)
    {
        var (a, b) = FrameTests.Sessions();
        if (snappySession) b.EnableSnappy();
        if (senderCompresses) a.EnableSnappy();
        byte[] payload = senderCompresses ? Disconnect.Encode(DisconnectReason.TooManyPeers) : [0x04];
        var message = FrameTests.Decode(b, FrameTests.Encode(a, P2pMessageCodes.Disconnect, payload));
        Assert.Equal(P2pMessageCodes.Disconnect, message.Code);
        Assert.Equal(DisconnectReason.TooManyPeers, Disconnect.Decode(message.Payload.Span));
    }

    [Fact]
    public void Ping_and_pong_codes() =>
        Assert.Equal((0x02UL, 0x03UL, 16), (P2pMessageCodes.Ping, P2pMessageCodes.Pong, P2pMessageCodes.BaseProtocolLength));
}
