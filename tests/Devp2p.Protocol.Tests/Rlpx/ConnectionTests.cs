using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>Two <see cref="RlpxConnection"/>s in one process over a real loopback TCP socket.</summary>
public class ConnectionTests
{
    private static byte[] KeyA => LoopbackRlpx.DialerKey;
    private static byte[] KeyB => LoopbackRlpx.ListenerKey;

    /// <summary>A connected socket pair; the returned TamperStream wraps the dialer's side.</summary>
    private static async Task<(RlpxConnection Dialer, RlpxConnection Listener, TamperStream Wire)> Connect(TimeSpan? timeout = null)
    {
        TamperStream? wire = null;
        var (dialer, listener) = await LoopbackRlpx.ConnectAsync(wrapDialer: s => wire = new TamperStream(s), handshakeTimeout: timeout);
        return (dialer, listener, wire!);
    }

    [Fact]
    public async Task Ten_thousand_messages_of_random_sizes_both_ways_byte_exact()
    {
        var (a, b, _) = await Connect();
        await using var _a = a;
        await using var _b = b;
        Assert.Equal(Secp256k1.Default.CreatePublicKey(KeyA), b.RemotePublicKey);
        Assert.Equal(Secp256k1.Default.CreatePublicKey(KeyB), a.RemotePublicKey);

        // 5,000 each way uncompressed, then 5,000 each way with snappy. Sizes are log-uniform over
        // 0 B – 1 MiB (every order of magnitude equally often), so the run stays quick.
        foreach (bool snappy in new[] { false, true })
        {
            if (snappy) { a.EnableSnappy(); b.EnableSnappy(); }
            await Task.WhenAll(Pump(a, b, 2500, seed: snappy ? 3 : 1), Pump(b, a, 2500, seed: snappy ? 4 : 2));
        }
    }

    private static async Task Pump(RlpxConnection from, RlpxConnection to, int count, int seed)
    {
        var sent = new Random(seed);
        var expected = new Random(seed);
        var write = Task.Run(async () =>
        {
            for (int i = 0; i < count; i++)
            {
                var (code, payload) = Next(sent);
                await from.WriteMessageAsync(code, payload);
            }
        });
        for (int i = 0; i < count; i++)
        {
            var (code, payload) = Next(expected);
            var message = await to.ReadMessageAsync();
            Assert.Equal(code, message.Code);
            Assert.True(payload.AsSpan().SequenceEqual(message.Payload.Span), $"message {i} of {payload.Length} bytes differs");
        }
        await write;
    }

    private static (ulong Code, byte[] Payload) Next(Random rng)
    {
        int size = rng.Next(20) == 0 ? 0 : (int)Math.Min(1 << 20, Math.Exp(rng.NextDouble() * Math.Log(1 << 20)));
        var payload = new byte[size];
        rng.NextBytes(payload);
        if (size > 64) payload.AsSpan(0, size / 3).Fill((byte)size); // partly compressible
        return ((ulong)rng.Next(0, 200), payload);
    }

    [Theory]
    [InlineData(5)]   // header ciphertext
    [InlineData(20)]  // header MAC
    [InlineData(40)]  // body
    [InlineData(-1)]  // frame MAC (last byte)
    public async Task Tampered_frame_is_a_mac_mismatch(int offset)
    {
        var (a, b, wire) = await Connect();
        await using var _a = a;
        await using var _b = b;
        await a.WriteMessageAsync(1, new byte[100]); // arrives intact
        Assert.Equal(1UL, (await b.ReadMessageAsync()).Code);
        int frameLength = FrameWriter.FrameLength(1, 100);
        wire.FlipAt(wire.Written + (offset < 0 ? frameLength - 1 : offset));
        await a.WriteMessageAsync(1, new byte[100]);
        var e = await Assert.ThrowsAsync<RlpxException>(async () => await b.ReadMessageAsync());
        Assert.Equal(RlpxError.MacMismatch, e.Error);
    }

    [Theory]
    [InlineData(10)]   // inside the header
    [InlineData(50)]   // inside the body
    public async Task Truncated_frame_is_truncated(int keep)
    {
        var (a, b, wire) = await Connect();
        await using var _b = b;
        wire.TruncateAfter(wire.Written + keep);
        await a.WriteMessageAsync(1, new byte[100]);
        await a.DisposeAsync();
        var e = await Assert.ThrowsAsync<RlpxException>(async () => await b.ReadMessageAsync());
        Assert.Equal(RlpxError.Truncated, e.Error);
    }

    [Fact]
    public async Task Close_between_frames_is_end_of_stream()
    {
        var (a, b, _) = await Connect();
        await using var _b = b;
        await a.DisposeAsync();
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await b.ReadMessageAsync());
    }

    [Fact]
    public async Task Silent_peer_hits_the_handshake_deadline()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var server = await listener.AcceptTcpClientAsync();
        var options = new RlpxConnectionOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        await Assert.ThrowsAsync<TimeoutException>(() => RlpxConnection.AcceptAsync(server.GetStream(), KeyB, options));
        await Assert.ThrowsAsync<TimeoutException>(() => RlpxConnection.InitiateAsync(client.GetStream(), KeyA, Secp256k1.Default.CreatePublicKey(KeyB), options));
    }

    /// <summary>Passes writes through, flipping one byte or cutting the stream at a given offset.</summary>
    internal sealed class TamperStream(Stream inner) : Stream
    {
        private long _flipAt = -1;
        private long _truncateAt = -1;

        public long Written { get; private set; }

        public void FlipAt(long offset) => _flipAt = offset;

        public void TruncateAfter(long offset) => _truncateAt = offset;

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var copy = buffer.ToArray();
            if (_flipAt >= Written && _flipAt < Written + copy.Length)
                copy[_flipAt - Written] ^= 0x01;
            int n = copy.Length;
            if (_truncateAt >= 0)
                n = (int)Math.Clamp(_truncateAt - Written, 0, copy.Length);
            await inner.WriteAsync(copy.AsMemory(0, n), cancellationToken);
            Written += copy.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override ValueTask DisposeAsync() => inner.DisposeAsync();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); }
    }
}
