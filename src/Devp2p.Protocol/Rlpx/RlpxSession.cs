using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The message layer of an established session, still pure (no I/O): frames out via
/// <see cref="Writer"/>, frames in via <see cref="Reader"/>, and the code/payload split and
/// snappy compression on top. Snappy is off until <see cref="EnableSnappy"/> — call it once
/// both Hellos are exchanged and both announce p2p version ≥ 5.
/// </summary>
public sealed class RlpxSession : IDisposable
{
    /// <summary>Largest decompressed message payload accepted: 16 MiB.</summary>
    public const int DefaultMaxMessageSize = 16 * 1024 * 1024;

    public RlpxSession(RlpxSecrets secrets, int maxFrameSize = FrameReader.DefaultMaxFrameSize, int maxMessageSize = DefaultMaxMessageSize)
    {
        Secrets = secrets;
        Writer = new FrameWriter(secrets.Aes, new FrameMac(secrets.Mac, secrets.EgressMac));
        Reader = new FrameReader(secrets.Aes, new FrameMac(secrets.Mac, secrets.IngressMac), maxFrameSize);
        MaxMessageSize = maxMessageSize;
    }

    public RlpxSecrets Secrets { get; }

    public FrameWriter Writer { get; }

    public FrameReader Reader { get; }

    public int MaxMessageSize { get; }

    public bool SnappyEnabled { get; private set; }

    /// <summary>Compress payloads from now on, both ways.</summary>
    public void EnableSnappy() => SnappyEnabled = true;

    /// <summary>
    /// The payload as it goes into the frame: compressed when snappy is on (a new array),
    /// otherwise the input itself. Payloads over the message limit are <see cref="RlpxError.MessageTooLarge"/>.
    /// </summary>
    public ReadOnlyMemory<byte> PrepareOutgoing(ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxMessageSize)
            throw new RlpxException(RlpxError.MessageTooLarge, $"message of {payload.Length} bytes exceeds the {MaxMessageSize}-byte limit");
        return SnappyEnabled ? SnappyCodec.Compress(payload.Span) : payload;
    }

    /// <summary>Room <see cref="WriteMessage"/> may need for a payload of <paramref name="payloadLength"/> bytes.</summary>
    public int MaxFrameLength(ulong code, int payloadLength) => SnappyEnabled
        ? FrameWriter.MaxSnappyFrameLength(code, payloadLength)
        : FrameWriter.FrameLength(code, payloadLength);

    /// <summary>
    /// Frames one message into <paramref name="destination"/> (at least <see cref="MaxFrameLength"/>
    /// bytes), compressing straight into the frame when snappy is on; returns the bytes written.
    /// Payloads over the message limit are <see cref="RlpxError.MessageTooLarge"/>.
    /// </summary>
    public int WriteMessage(ulong code, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (payload.Length > MaxMessageSize)
            throw new RlpxException(RlpxError.MessageTooLarge, $"message of {payload.Length} bytes exceeds the {MaxMessageSize}-byte limit");
        return SnappyEnabled
            ? Writer.WriteSnappyFrame(code, payload, destination)
            : Writer.WriteFrame(code, payload, destination);
    }

    /// <summary>
    /// Splits decrypted frame content into code and payload, decompressing if snappy is on.
    /// A Disconnect (code 0x01) that is not valid snappy but is a valid uncompressed Disconnect is
    /// taken as it is. The payload of an uncompressed message is a slice of <paramref name="content"/>.
    /// </summary>
    public RlpxMessage DecodeFrame(ReadOnlyMemory<byte> content) => DecodeFrameInto(content, null);

    /// <summary>
    /// As <see cref="DecodeFrame(ReadOnlyMemory{byte})"/>, decompressing into <paramref name="decompressed"/>
    /// (grown on demand) instead of a new array when given: the payload is then valid until its next use.
    /// </summary>
    internal RlpxMessage DecodeFrameInto(ReadOnlyMemory<byte> content, PooledBuffer? decompressed)
    {
        ulong code;
        int codeLength;
        try
        {
            var reader = new RlpReader(content.Span);
            code = reader.ReadUInt64();
            codeLength = reader.Position;
        }
        catch (RlpException e)
        {
            throw new RlpxException(RlpxError.BadMessageCode, "frame does not start with an RLP message code: " + e.Message, e);
        }
        var payload = content[codeLength..];
        if (SnappyEnabled)
        {
            try
            {
                if (decompressed is null)
                    return new RlpxMessage(code, SnappyCodec.Decompress(payload.Span, MaxMessageSize));
                var output = decompressed.Get(SnappyCodec.CheckedDecodedLength(payload.Span, MaxMessageSize));
                int length = SnappyCodec.DecompressInto(payload.Span, output.Span, MaxMessageSize);
                return new RlpxMessage(code, output[..length]);
            }
            catch (RlpxException) when (code == P2p.P2pMessageCodes.Disconnect && P2p.Disconnect.TryDecode(payload.Span, out _))
            {
                // ethereumjs sends Disconnect uncompressed (a bare byte) even after a v5 Hello.
                return new RlpxMessage(code, payload);
            }
        }
        if (payload.Length > MaxMessageSize)
            throw new RlpxException(RlpxError.MessageTooLarge, $"message of {payload.Length} bytes exceeds the {MaxMessageSize}-byte limit");
        return new RlpxMessage(code, payload);
    }

    public void Dispose()
    {
        Writer.Dispose();
        Reader.Dispose();
    }
}
