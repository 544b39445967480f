using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>Frame and message round trips, tampering, limits and snappy, on in-memory sessions.</summary>
public class FrameTests
{
    internal static (RlpxSession A, RlpxSession B) Sessions(int maxFrameSize = FrameReader.DefaultMaxFrameSize)
    {
        var (a, b) = HandshakeTests.Handshake();
        return (new RlpxSession(a, maxFrameSize), new RlpxSession(b, maxFrameSize));
    }

    internal static byte[] Encode(RlpxSession session, ulong code, byte[] payload)
    {
        var room = new byte[session.MaxFrameLength(code, payload.Length)];
        int length = session.WriteMessage(code, payload, room);
        if (!session.SnappyEnabled)
            Assert.Equal(FrameWriter.FrameLength(code, payload.Length), length);
        return room[..length];
    }

    internal static RlpxMessage Decode(RlpxSession session, byte[] frame)
    {
        int size = session.Reader.ReadHeader(frame.AsSpan(0, 32));
        Assert.Equal(frame.Length, 32 + FrameReader.BodyLength(size));
        var content = session.Reader.ReadBody(frame.AsSpan(32)).ToArray();
        return session.DecodeFrame(content);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_at_many_sizes_both_ways(bool snappy)
    {
        var (a, b) = Sessions();
        if (snappy) { a.EnableSnappy(); b.EnableSnappy(); }
        var rng = new Random(42);
        int[] sizes = [0, 1, 2, 14, 15, 16, 17, 31, 32, 33, 100, 1000, 1023, 1024, 4095, 4096, 4097, 65535, 65536, 100_000, 1 << 20];
        foreach (int size in sizes)
        {
            foreach (var (from, to) in new[] { (a, b), (b, a) })
            {
                var payload = new byte[size];
                rng.NextBytes(payload);
                if (snappy && size > 100) payload.AsSpan(0, size / 2).Clear(); // compressible half
                ulong code = (ulong)rng.Next(0, 300);
                var message = Decode(to, Encode(from, code, payload));
                Assert.Equal(code, message.Code);
                Assert.Equal(payload, message.Payload.ToArray());
            }
        }
    }

    [Theory]
    [InlineData(0)]   // header ciphertext
    [InlineData(20)]  // header MAC
    [InlineData(40)]  // body ciphertext
    [InlineData(-1)]  // frame MAC
    public void Tampering_anywhere_is_a_mac_mismatch(int offset)
    {
        var (a, b) = Sessions();
        var frame = Encode(a, 3, new byte[40]);
        frame[offset < 0 ? frame.Length - 1 : offset] ^= 0x80;
        var e = Assert.Throws<RlpxException>(() => Decode(b, frame));
        Assert.Equal(RlpxError.MacMismatch, e.Error);
    }

    [Fact]
    public void After_a_failure_the_reader_refuses_to_continue()
    {
        var (a, b) = Sessions();
        var frame = Encode(a, 3, new byte[40]);
        frame[0] ^= 1;
        Assert.Throws<RlpxException>(() => Decode(b, frame));
        Assert.Throws<InvalidOperationException>(() => b.Reader.ReadHeader(new byte[32]));
    }

    [Fact]
    public void Oversize_header_is_rejected_before_the_body_is_read()
    {
        var (a, b) = Sessions(maxFrameSize: 1024);
        var frame = Encode(a, 1, new byte[2000]);
        var e = Assert.Throws<RlpxException>(() => b.Reader.ReadHeader(frame.AsSpan(0, 32)));
        Assert.Equal(RlpxError.FrameTooLarge, e.Error);
    }

    [Fact]
    public void Snappy_bomb_is_rejected_by_its_declared_length()
    {
        var (a, b) = Sessions();
        a.EnableSnappy();
        b.EnableSnappy();
        // A tiny snappy block claiming 34 MiB (0x11 << 21): uvarint length, then a literal tag. Sent raw (not via PrepareOutgoing).
        byte[] bomb = [0x80, 0x80, 0x80, 0x11, 0x00, 0x41];
        var frame = new byte[FrameWriter.FrameLength(0x10UL, bomb.Length)];
        a.Writer.WriteFrame(0x10, bomb, frame);
        var e = Assert.Throws<RlpxException>(() => Decode(b, frame));
        Assert.Equal(RlpxError.MessageTooLarge, e.Error);
        Assert.Equal(0x11 << 21, SnappyCodec.DecodedLength(bomb));
    }

    [Fact]
    public void Corrupt_snappy_is_bad_snappy()
    {
        var e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress([0x0a, 0xff, 0xff, 0xff], 1 << 24));
        Assert.Equal(RlpxError.BadSnappy, e.Error);
        e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress([0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 1 << 24));
        Assert.Equal(RlpxError.BadSnappy, e.Error);
        e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress([], 1 << 24));
        Assert.Equal(RlpxError.BadSnappy, e.Error);
    }

    [Fact]
    public void Frame_without_a_valid_code_is_bad_message_code()
    {
        var (_, b) = Sessions();
        var e = Assert.Throws<RlpxException>(() => b.DecodeFrame(new byte[] { 0x81, 0x05 }));
        Assert.Equal(RlpxError.BadMessageCode, e.Error);
        e = Assert.Throws<RlpxException>(() => b.DecodeFrame(Array.Empty<byte>()));
        Assert.Equal(RlpxError.BadMessageCode, e.Error);
    }

    [Fact]
    public void Outgoing_message_over_the_limit_is_refused()
    {
        var (a, _) = Sessions();
        var e = Assert.Throws<RlpxException>(() => a.PrepareOutgoing(new byte[RlpxSession.DefaultMaxMessageSize + 1]));
        Assert.Equal(RlpxError.MessageTooLarge, e.Error);
    }

    [Fact]
    public void Ctr_stream_continues_across_calls_of_any_split()
    {
        var key = new byte[32];
        new Random(7).NextBytes(key);
        var data = new byte[10_000];
        new Random(8).NextBytes(data);
        var whole = (byte[])data.Clone();
        using (var ctr = new AesCtr(key)) ctr.Transform(whole);
        var pieces = (byte[])data.Clone();
        using (var ctr = new AesCtr(key))
        {
            var rng = new Random(9);
            for (int offset = 0; offset < pieces.Length;)
            {
                int n = Math.Min(rng.Next(0, 5000), pieces.Length - offset);
                ctr.Transform(pieces.AsSpan(offset, n));
                offset += n;
            }
        }
        Assert.Equal(whole, pieces);
    }
}
