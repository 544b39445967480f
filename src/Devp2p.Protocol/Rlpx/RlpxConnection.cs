using System.Buffers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// A thin async adapter that runs the pure RLPx machines over a <see cref="Stream"/> (a
/// <c>NetworkStream</c>, an <c>SslStream</c>, an in-memory pipe): the handshake under a deadline,
/// then messages. One reader and one writer may run concurrently; writes are serialised.
/// Buffers come from <see cref="ArrayPool{T}.Shared"/> and are held only while in use: a message read
/// (compressed or not) is a slice of a connection buffer, valid until the next <see cref="ReadMessageAsync"/>.
/// Peer faults are <see cref="RlpxException"/>; a handshake past its deadline is
/// <see cref="TimeoutException"/>; a clean close between frames is <see cref="EndOfStreamException"/>.
/// </summary>
public sealed class RlpxConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    /// <summary>Read-ahead size: one socket read takes up to this much (~128 small frames).</summary>
    private const int ReadAheadSize = 16 * 1024;

    private readonly PooledBuffer _readAhead = new();
    private readonly PooledBuffer _decompressed = new();
    private readonly PooledBuffer _writeBuffer = new();
    private int _readStart;
    private int _readEnd;
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
        var handshake = new InitiatorHandshake(staticPrivateKey.Span, remotePublicKey.Span, options.Random, options.Secp, options.LocalPublicKey.Span);
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

    /// <summary>Bytes of pooled buffer this connection holds right now (read-ahead, decompression, write).</summary>
    internal int HeldBufferBytes => _readAhead.Array.Length + _decompressed.Array.Length + _writeBuffer.Array.Length;

    /// <summary>Compress both ways from now on (after a Hello exchange where both sides have p2p version ≥ 5).</summary>
    public void EnableSnappy() => Session.EnableSnappy();

    /// <summary>Encodes, encrypts and writes one message.</summary>
    public async ValueTask WriteMessageAsync(ulong code, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var frame = _writeBuffer.Get(Session.MaxFrameLength(code, payload.Length));
            int length = Session.WriteMessage(code, payload.Span, frame.Span);
            await WriteAndFlush(frame[..length], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeBuffer.Release();
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Encodes several messages, in order, into one buffer and writes them with a single stream write
    /// (write coalescing: one system call for a burst of small messages). The caller bounds the batch.
    /// </summary>
    public async ValueTask WriteMessagesAsync(ReadOnlyMemory<OutgoingMessage> messages, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long room = 0;
            foreach (var message in messages.Span)
                room += Session.MaxFrameLength(message.Code, message.Payload.Length);
            if (room > int.MaxValue / 2)
                throw new ArgumentException("batch too large for one write; split it", nameof(messages));
            var buffer = _writeBuffer.Get((int)room);
            int length = 0;
            foreach (var message in messages.Span)
                length += Session.WriteMessage(message.Code, message.Payload.Span, buffer.Span[length..]);
            await WriteAndFlush(buffer[..length], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeBuffer.Release();
            _writeLock.Release();
        }
    }

    private async ValueTask WriteAndFlush(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads, authenticates, decrypts and decodes the next message. Frames are parsed out of a pooled
    /// read-ahead buffer filled with as much as the stream has (many small frames per read); the
    /// payload is a slice of a connection buffer, valid until the next call. On a socket with nothing
    /// to read the buffers go back to the pool while waiting, so an idle connection holds none.
    /// The async state (a box per read that waits on the socket, ~55 % of all allocation under many
    /// mostly idle peers) is pooled, so the returned ValueTask must be awaited exactly once.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RlpxMessage> ReadMessageAsync(CancellationToken cancellationToken = default)
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
            if (_readAhead.Array.Length > ReadAheadSize)
                _readAhead.Release(); // do not keep a large frame's buffer
            if (_stream is NetworkStream network && !network.DataAvailable)
            {
                _readAhead.Release();
                _decompressed.Release();
                // A zero-byte read completes when data arrives, without holding a buffer meanwhile.
                await _stream.ReadAsync(Memory<byte>.Empty, cancellationToken).ConfigureAwait(false);
            }
        }
        await Buffer(FrameReader.HeaderLength, atBoundary: true, cancellationToken).ConfigureAwait(false);
        int size = Session.Reader.ReadHeader(_readAhead.Array.AsSpan(_readStart, FrameReader.HeaderLength));
        _readStart += FrameReader.HeaderLength;
        int bodyLength = FrameReader.BodyLength(size);
        await Buffer(bodyLength, atBoundary: false, cancellationToken).ConfigureAwait(false);
        int contentLength = Session.Reader.ReadBody(_readAhead.Array.AsSpan(_readStart, bodyLength)).Length;
        var content = _readAhead.Array.AsMemory(_readStart, contentLength);
        _readStart += bodyLength;
        return Session.DecodeFrameInto(content, _decompressed);
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available at <c>_readStart</c>, reading ahead as far as the buffer allows.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask Buffer(int count, bool atBoundary, CancellationToken cancellationToken)
    {
        int have = _readEnd - _readStart;
        if (have >= count)
            return;
        if (_readAhead.Array.Length - _readStart < count)
        {
            if (have > 0 && _readStart > 0)
                _readAhead.Array.AsSpan(_readStart, have).CopyTo(_readAhead.Array);
            _readStart = 0;
            _readEnd = have;
            _readAhead.Grow(Math.Max(count, ReadAheadSize), have);
        }
        var array = _readAhead.Array;
        while (_readEnd - _readStart < count)
        {
            int n = await _stream.ReadAsync(array.AsMemory(_readEnd), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                int read = _readEnd - _readStart;
                if (atBoundary && read == 0)
                    throw new EndOfStreamException("rlpx: connection closed by peer");
                throw new RlpxException(RlpxError.Truncated, $"connection closed after {read} of {count} bytes");
            }
            _readEnd += n;
        }
    }

    /// <summary>Closes the stream (unless LeaveOpen) and returns the buffers. Idempotent.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_leaveOpen)
            await _stream.DisposeAsync().ConfigureAwait(false);
        Session.Dispose();
        _readAhead.Release();
        _decompressed.Release();
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
