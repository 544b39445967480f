using System.Security.Cryptography;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Checks and decrypts incoming frames in two steps, so a caller reading a stream never
/// allocates for a size it has not authenticated: <see cref="ReadHeader"/> takes the 32-byte
/// header (ciphertext ‖ MAC), verifies the MAC, decrypts, and returns the content size, checked
/// against <see cref="MaxFrameSize"/>; the caller then reads <see cref="BodyLength"/> bytes and
/// <see cref="ReadBody"/> verifies the frame MAC before decrypting in place. A MAC failure is
/// <see cref="RlpxError.MacMismatch"/>; after any failure the reader is unusable.
/// </summary>
public sealed class FrameReader : IDisposable
{
    /// <summary>Header ciphertext plus header MAC.</summary>
    public const int HeaderLength = 32;

    /// <summary>Largest value of the 3-byte size field.</summary>
    public const int MaxUInt24 = 0xFF_FFFF;

    /// <summary>Default limit on frame content: 16 MiB (the 24-bit field cannot exceed it).</summary>
    public const int DefaultMaxFrameSize = 16 * 1024 * 1024;

    private readonly AesCtr _cipher;
    private readonly FrameMac _mac;
    private int _pendingSize = -1;
    private bool _failed;

    public FrameReader(ReadOnlySpan<byte> aesSecret, FrameMac ingressMac, int maxFrameSize = DefaultMaxFrameSize)
    {
        _cipher = new AesCtr(aesSecret);
        _mac = ingressMac;
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>
    /// Limit on a frame's content size, checked in <see cref="ReadHeader"/> before any body is read.
    /// Settable so a stage may tighten it (the p2p Hello stage accepts 2 KiB, as geth).
    /// </summary>
    public int MaxFrameSize
    {
        get;
        set => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "the frame limit must be positive");
    }

    /// <summary>Content length rounded up to a multiple of 16.</summary>
    public static int PaddedLength(int contentLength) => (contentLength + 15) & ~15;

    /// <summary>Bytes after the header for content of <paramref name="contentLength"/> bytes: padded body plus frame MAC.</summary>
    public static int BodyLength(int contentLength) => PaddedLength(contentLength) + FrameMac.Length;

    /// <summary>
    /// Verifies and decrypts a 32-byte header in place and returns the frame's content size.
    /// Throws <see cref="RlpxError.MacMismatch"/> or <see cref="RlpxError.FrameTooLarge"/>.
    /// </summary>
    public int ReadHeader(Span<byte> header)
    {
        if (header.Length != HeaderLength)
            throw new ArgumentException($"header must be {HeaderLength} bytes", nameof(header));
        CheckUsable(expectHeader: true);
        Span<byte> want = stackalloc byte[FrameMac.Length];
        _mac.ComputeHeader(header[..16], want);
        if (!CryptographicOperations.FixedTimeEquals(want, header[16..]))
            throw Fail(RlpxError.MacMismatch, "header MAC mismatch");
        _cipher.Transform(header[..16]);
        int size = header[0] << 16 | header[1] << 8 | header[2];
        if (size > MaxFrameSize)
            throw Fail(RlpxError.FrameTooLarge, $"frame of {size} bytes exceeds the {MaxFrameSize}-byte limit");
        _pendingSize = size;
        return size;
    }

    /// <summary>
    /// Verifies the frame MAC over <paramref name="body"/> (exactly <see cref="BodyLength"/> of the
    /// size <see cref="ReadHeader"/> returned), decrypts in place, and returns the content without padding.
    /// </summary>
    public Span<byte> ReadBody(Span<byte> body)
    {
        CheckUsable(expectHeader: false);
        int size = _pendingSize;
        if (body.Length != BodyLength(size))
            throw new ArgumentException($"body must be {BodyLength(size)} bytes for a {size}-byte frame", nameof(body));
        int padded = PaddedLength(size);
        var ciphertext = body[..padded];
        Span<byte> want = stackalloc byte[FrameMac.Length];
        _mac.ComputeFrame(ciphertext, want);
        if (!CryptographicOperations.FixedTimeEquals(want, body[padded..]))
            throw Fail(RlpxError.MacMismatch, "frame MAC mismatch");
        _cipher.Transform(ciphertext);
        _pendingSize = -1;
        return ciphertext[..size];
    }

    private void CheckUsable(bool expectHeader)
    {
        if (_failed)
            throw new InvalidOperationException("frame reader failed earlier; the connection must be dropped");
        if (expectHeader != (_pendingSize < 0))
            throw new InvalidOperationException(expectHeader ? "ReadBody expected after ReadHeader" : "ReadHeader expected first");
    }

    private RlpxException Fail(RlpxError error, string message)
    {
        _failed = true;
        return new RlpxException(error, message);
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _mac.Dispose();
    }
}
