using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;
using static Devp2p.Protocol.Tests.Rlpx.RlpxVectors;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>go-ethereum's golden frame and the legacy full-session Hello frames from rlpx_eip8.json.</summary>
public class FrameVectorTests
{
    /// <summary>go-ethereum's test hash: Write is a no-op, Sum is always 32 bytes of 0x01.</summary>
    private sealed class FakeHash : IFrameMacHash
    {
        public void Update(ReadOnlySpan<byte> data)
        {
        }

        public void Digest(Span<byte> output) => output[..32].Fill(0x01);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Geth_golden_frame_is_written_exactly(bool hardwareMacAes)
    {
        var secret = Keccak256.Hash([]);
        using var writer = new FrameWriter(secret, new FrameMac(secret, new FakeHash(), hardwareMacAes));
        var msg = Hex("geth_frame_vector/msg_rlp");
        ulong code = Get("geth_frame_vector/msg_code").GetUInt64();
        var frame = new byte[FrameWriter.FrameLength(code, msg.Length)];
        Assert.Equal(frame.Length, writer.WriteFrame(code, msg, frame));
        Assert.Equal(Hex("geth_frame_vector/frame_hex"), frame);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Geth_golden_frame_reads_back(bool hardwareMacAes)
    {
        var secret = Keccak256.Hash([]);
        using var reader = new FrameReader(secret, new FrameMac(secret, new FakeHash(), hardwareMacAes));
        var frame = Hex("geth_frame_vector/frame_hex");
        int size = reader.ReadHeader(frame.AsSpan(0, 32));
        var content = reader.ReadBody(frame.AsSpan(32, FrameReader.BodyLength(size)));
        Assert.Equal(Hex("geth_frame_vector/decrypted_frame_content"), content.ToArray());
        Assert.Equal(32 + FrameReader.BodyLength(size), frame.Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Legacy_session_hello_frames_decode_and_reencode(bool initiatorSends)
    {
        const string v = "supplementary_legacy_full_session/";
        var packet = Hex(v + "values/" + (initiatorSends ? "initiator_hello_packet" : "receiver_hello_packet"));
        using var receiver = new RlpxSession(HandshakeTests.LegacySessionSecrets(initiator: !initiatorSends));
        var frame = (byte[])packet.Clone();
        var header = frame.AsSpan(0, 32);
        int size = receiver.Reader.ReadHeader(header);
        Assert.Equal(Hex(v + "decoded_by_this_research/" + (initiatorSends ? "initiator_hello_packet" : "receiver_hello_packet") + "/header_plain"), header[..16].ToArray());
        var content = receiver.Reader.ReadBody(frame.AsSpan(32, FrameReader.BodyLength(size))).ToArray();
        var message = receiver.DecodeFrame(content);
        Assert.Equal(0UL, message.Code);
        var hello = Devp2p.Protocol.P2p.Hello.Decode(message.Payload.Span);
        Assert.Equal(3u, hello.ProtocolVersion);
        Assert.Equal(2, hello.Capabilities.Count);

        // Our writer with the sender's fresh secrets produces the same bytes.
        using var sender = new RlpxSession(HandshakeTests.LegacySessionSecrets(initiator: initiatorSends));
        var again = new byte[packet.Length];
        sender.Writer.WriteFrame(message.Code, message.Payload.Span, again);
        Assert.Equal(packet, again);
    }
}
