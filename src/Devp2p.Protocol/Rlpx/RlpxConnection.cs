using System.Buffers;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// A thin async adapter that runs the pure RLPx machines over a <see cref="Stream"/> (a
/// <c>NetworkStream</c>, an <c>SslStream</c>, an in-memory pipe): the handshake under a deadline,
/// then messages. One reader and one writer may run concurrently; writes are serialised.
/// Buffers come from <see cref="ArrayPool{T}.Shared"/>: an uncompressed message read is a slice of
/// the connection's buffer, valid until the next <see cref="ReadMessageAsync"/>.
/// Peer faults are <see cref="RlpxException"/>; a handshake past its deadline is
/// <see cref="TimeoutException"/>; a clean close between frames is <see cref="EndOfStreamException"/>.
/// </summary>
public sealed class RlpxConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _header = new byte[FrameReader.HeaderLength];
    private byte[] _readBuffer = [];
    private int _disposed;

    private RlpxConnection(Stream stream, RlpxSession session, bool leaveOpen)
    {
        _stream = stream;
        Session = session;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The session (secrets, frame codec, snappy state).</summary>
    public RlpxSession Session { get; }

    /// <summary>The peer's static public key (64 bytes), authenticated by the handshake.</summary>
    public byte[] RemotePublicKey => Session.Secrets.RemotePublicKey;

    /// <summary>Dials: sends auth, reads ack. <paramref name="remotePublicKey"/> is the node id we expect.</summary>
    public static async Task<RlpxConnection> InitiateAsync(Stream stream, ReadOnlyMemory<byte> staticPrivateKey, ReadOnlyMemory<byte> remotePublicKey,
        RlpxConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RlpxConnectionOptions.Default;
        var handshake = new InitiatorHandshake(staticPrivateKey.Span, remotePublicKey.Span, options.Random, options.Secp);
        await WithDeadline(options, async ct =>
        {
            await stream.WriteAsync(handshake.CreateAuth(), ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
            await Feed(stream, () => handshake.BytesWanted, handshake.Receive, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new RlpxConnection(stream, new RlpxSession(handshake.Secrets, options.MaxFrameSize, options.MaxMessageSize), options.LeaveOpen);
    }

    /// <summary>Accepts: reads auth, sends ack.</summary>
    public static async Task<RlpxConnection> AcceptAsync(Stream stream, ReadOnlyMemory<byte> staticPrivateKey,
        RlpxConnectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= RlpxConnectionOptions.Default;
        var handshake = new RecipientHandshake(staticPrivateKey.Span, options.Random, options.Secp);
        await WithDeadline(options, async ct =>
        {
            await Feed(stream, () => handshake.BytesWanted, handshake.Receive, ct).ConfigureAwait(false);
            await stream.WriteAsync(handshake.AckPacket, ct).ConfigureAwait(false);
            await stream.FlushAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new RlpxConnection(stream, new RlpxSession(handshake.Secrets, options.MaxFrameSize, options.MaxMessageSize), options.LeaveOpen);
    }

    /// <summary>Compress both ways from now on (after a Hello exchange where both sides have p2p version ≥ 5).</summary>
    public void EnableSnappy() => Session.EnableSnappy();

    /// <summary>Encodes, encrypts and writes one message.</summary>
    public async ValueTask WriteMessageAsync(ulong code, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        byte[]? frame = null;
        try
        {
            var body = Session.PrepareOutgoing(payload);
            frame = ArrayPool<byte>.Shared.Rent(FrameWriter.FrameLength(code, body.Length));
            int length = Session.Writer.WriteFrame(code, body.Span, frame);
            await _stream.WriteAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (frame is not null)
                ArrayPool<byte>.Shared.Return(frame);
            _writeLock.Release();
        }
    }

    /// <summary>Reads, authenticates, decrypts and decodes the next message.</summary>
    public async ValueTask<RlpxMessage> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        await ReadExactly(_stream, _header, atBoundary: true, cancellationToken).ConfigureAwait(false);
        int size = Session.Reader.ReadHeader(_header);
        int bodyLength = FrameReader.BodyLength(size);
        if (_readBuffer.Length < bodyLength)
        {
            if (_readBuffer.Length > 0)
                ArrayPool<byte>.Shared.Return(_readBuffer);
            _readBuffer = [];
            _readBuffer = ArrayPool<byte>.Shared.Rent(bodyLength);
        }
        var body = _readBuffer.AsMemory(0, bodyLength);
        await ReadExactly(_stream, body, atBoundary: false, cancellationToken).ConfigureAwait(false);
        int contentLength = Session.Reader.ReadBody(body.Span).Length;
        return Session.DecodeFrame(body[..contentLength]);
    }

    /// <summary>Closes the stream (unless LeaveOpen) and returns the buffers. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_leaveOpen)
            await _stream.DisposeAsync().ConfigureAwait(false);
        Session.Dispose();
        if (_readBuffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_readBuffer);
        _readBuffer = [];
        _writeLock.Dispose();
    }

    private static async Task WithDeadline(RlpxConnectionOptions options, Func<CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HandshakeTimeout);
        try
        {
            await run(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"rlpx handshake did not complete within {options.HandshakeTimeout.TotalSeconds:0.###} s");
        }
    }

    private static async Task Feed(Stream stream, Func<int> wanted, ReceiveBytes receive, CancellationToken ct)
    {
        var buffer = new byte[HandshakeConstants.MaxPacketSize + 2];
        for (int want = wanted(); want > 0; want = wanted())
        {
            var chunk = buffer.AsMemory(0, want);
            await ReadExactly(stream, chunk, atBoundary: false, ct).ConfigureAwait(false);
            receive(chunk.Span);
        }
    }

    private delegate void ReceiveBytes(ReadOnlySpan<byte> data);

    private static async ValueTask ReadExactly(Stream stream, Memory<byte> buffer, bool atBoundary, CancellationToken ct)
    {
        int read = 0;
        while (read < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer[read..], ct).ConfigureAwait(false);
            if (n == 0)
            {
                if (atBoundary && read == 0)
                    throw new EndOfStreamException("rlpx: connection closed by peer");
                throw new RlpxException(RlpxError.Truncated, $"connection closed after {read} of {buffer.Length} bytes");
            }
            read += n;
        }
    }
}
