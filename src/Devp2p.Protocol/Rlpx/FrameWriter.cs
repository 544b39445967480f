using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Encrypts and MACs outgoing frames. Wire form of one frame:
/// <code>
/// header-ciphertext(16) ‖ header-mac(16) ‖ body-ciphertext(size padded to 16) ‖ frame-mac(16)
/// header = size(3, big-endian) ‖ RLP [0, 0] (c2 80 80) ‖ zeros
/// body   = RLP(message code) ‖ payload ‖ zeros to a multiple of 16
/// </code>
/// Header and body share one AES-256-CTR stream (zero IV) for the life of the connection.
/// Writes into the caller's buffer; nothing is allocated per frame.
/// </summary>
public sealed class FrameWriter : IDisposable
{
    private static ReadOnlySpan<byte> HeaderData => [0xc2, 0x80, 0x80];

    private readonly AesCtr _cipher;
    private readonly FrameMac _mac;

    public FrameWriter(ReadOnlySpan<byte> aesSecret, FrameMac egressMac)
    {
        _cipher = new AesCtr(aesSecret);
        _mac = egressMac;
    }

    /// <summary>Bytes on the wire for a frame whose content (code + payload) is <paramref name="contentLength"/> bytes.</summary>
    public static int FrameLength(int contentLength) => FrameReader.HeaderLength + FrameReader.BodyLength(contentLength);

    /// <summary>Bytes on the wire for message <paramref name="code"/> with a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int FrameLength(ulong code, int payloadLength) => FrameLength(RlpCodec.LengthOfUInt64(code) + payloadLength);

    /// <summary>Room <see cref="WriteSnappyFrame"/> needs for message <paramref name="code"/> with a payload of <paramref name="payloadLength"/> bytes.</summary>
    public static int MaxSnappyFrameLength(ulong code, int payloadLength) =>
        FrameLength(code, SnappyCodec.MaxCompressedLength(payloadLength));

    /// <summary>
    /// Writes one frame carrying <paramref name="code"/> and <paramref name="payload"/> to the start of
    /// <paramref name="destination"/> and returns its length. Content over 2²⁴-1 bytes is
    /// <see cref="RlpxError.MessageTooLarge"/>.
    /// </summary>
    public int WriteFrame(ulong code, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int codeLength = RlpCodec.LengthOfUInt64(code);
        int contentLength = CheckContentLength((long)codeLength + payload.Length);
        int total = FrameLength(contentLength);
        if (destination.Length < total)
            throw new ArgumentException($"destination needs {total} bytes", nameof(destination));
        var content = destination[FrameReader.HeaderLength..];
        new RlpWriter(content).WriteUInt64(code);
        payload.CopyTo(content[codeLength..]);
        return Seal(contentLength, destination);
    }

    /// <summary>
    /// Like <see cref="WriteFrame"/> but snappy-compresses <paramref name="payload"/> straight into the
    /// frame (p2p v5). <paramref name="destination"/> must hold <see cref="MaxSnappyFrameLength"/> bytes.
    /// </summary>
    public int WriteSnappyFrame(ulong code, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int codeLength = RlpCodec.LengthOfUInt64(code);
        int room = MaxSnappyFrameLength(code, payload.Length);
        if (destination.Length < room)
            throw new ArgumentException($"destination needs {room} bytes", nameof(destination));
        var content = destination[FrameReader.HeaderLength..];
        new RlpWriter(content).WriteUInt64(code);
        int compressed = SnappyCodec.CompressInto(payload, content[codeLength..]);
        return Seal(CheckContentLength((long)codeLength + compressed), destination);
    }

    private static int CheckContentLength(long size) => size <= FrameReader.MaxUInt24
        ? (int)size
        : throw new RlpxException(RlpxError.MessageTooLarge, $"frame content of {size} bytes exceeds the 24-bit size field");

    /// <summary>Content is in place after the header slot: write the header, pad, encrypt and MAC both.</summary>
    private int Seal(int contentLength, Span<byte> destination)
    {
        var header = destination[..16];
        header[0] = (byte)(contentLength >> 16);
        header[1] = (byte)(contentLength >> 8);
        header[2] = (byte)contentLength;
        HeaderData.CopyTo(header[3..]);
        header[6..].Clear();
        _cipher.Transform(header);
        _mac.ComputeHeader(header, destination.Slice(16, FrameMac.Length));

        int padded = FrameReader.PaddedLength(contentLength);
        var body = destination.Slice(FrameReader.HeaderLength, padded);
        body[contentLength..].Clear();
        _cipher.Transform(body);
        _mac.ComputeFrame(body, destination.Slice(FrameReader.HeaderLength + padded, FrameMac.Length));
        return FrameLength(contentLength);
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _mac.Dispose();
    }
}
