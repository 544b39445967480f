namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// Wraps a connection's stream to count how many connections are alive at once (from the PeerActor's
/// start to its release of the socket) and the peak — how a test sees MaxPendingPeers hold under a flood.
/// </summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly LiveCounter _counter;
    private int _disposed;

    public CountingStream(Stream inner, LiveCounter counter)
    {
        _inner = inner;
        _counter = counter;
        counter.Enter();
    }

    public override bool CanRead => _inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => _inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => _inner.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _inner.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _inner.Dispose();
            _counter.Leave();
        }
        base.Dispose(disposing);
    }
}

/// <summary>Connections alive now, their peak, and how many there were.</summary>
internal sealed class LiveCounter
{
    private int _live;
    private int _peak;
    private int _total;

    public int Live => Volatile.Read(ref _live);

    public int Peak => Volatile.Read(ref _peak);

    public int Total => Volatile.Read(ref _total);

    public void Enter()
    {
        Interlocked.Increment(ref _total);
        int now = Interlocked.Increment(ref _live);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _live);
}
