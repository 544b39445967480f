using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// The connection's buffering over real loopback TCP: coalesced writes leave as one stream write,
/// the read-ahead parses frames split at any byte, and an idle socket connection holds no buffer.
/// </summary>
public class ConnectionBufferingTests
{
    private static OutgoingMessage[] Messages(int count, int seed, int maxSize)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var payload = new byte[rng.Next(0, maxSize)];
            rng.NextBytes(payload);
            payload.AsSpan(0, payload.Length / 2).Clear();
            return new OutgoingMessage((ulong)rng.Next(0, 300), payload);
        }).ToArray();
    }

    private static async Task ExpectAll(RlpxConnection reader, OutgoingMessage[] messages)
    {
        foreach (var expected in messages)
        {
            var message = await reader.ReadMessageAsync();
            Assert.Equal(expected.Code, message.Code);
            Assert.True(expected.Payload.Span.SequenceEqual(message.Payload.Span));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_leaves_in_one_stream_write_and_arrives_in_order(bool snappy)
    {
        CountingStream? counter = null;
        var (a, b) = await LoopbackRlpx.ConnectAsync(wrapDialer: s => counter = new CountingStream(s));
        await using var _a = a;
        await using var _b = b;
        if (snappy) { a.EnableSnappy(); b.EnableSnappy(); }
        for (int round = 0; round < 5; round++)
        {
            var batch = Messages(64, round, maxSize: 4000);
            int writesBefore = counter!.Writes;
            var reading = ExpectAll(b, batch);
            await a.WriteMessagesAsync(batch);
            Assert.Equal(writesBefore + 1, counter.Writes);
            await reading;
        }
        Assert.Equal(0, a.HeldBufferBytes); // the write buffer went back to the pool
    }

    [Fact]
    public async Task Frames_split_at_arbitrary_bytes_are_reassembled()
    {
        var (a, b) = await LoopbackRlpx.ConnectAsync(wrapListener: s => new TricklingStream(s, new Random(3)));
        await using var _a = a;
        await using var _b = b;
        a.EnableSnappy();
        b.EnableSnappy();
        var messages = Messages(300, 9, maxSize: 3000).Append(new OutgoingMessage(7, new byte[200_000])).ToArray();
        var reading = ExpectAll(b, messages);
        for (int i = 0; i < messages.Length; i += 37)
            await a.WriteMessagesAsync(messages.AsMemory(i, Math.Min(37, messages.Length - i)));
        await reading;
    }

    [Fact]
    public async Task An_idle_socket_connection_holds_no_buffers_while_waiting()
    {
        var (a, b) = await LoopbackRlpx.ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        await a.WriteMessageAsync(3, new byte[100_000]);
        Assert.Equal(3UL, (await b.ReadMessageAsync()).Code);
        Assert.True(b.HeldBufferBytes >= 100_000);

        var pending = b.ReadMessageAsync(); // nothing sent yet: waits without a buffer
        Assert.Equal(0, b.HeldBufferBytes);
        Assert.Equal(0, a.HeldBufferBytes);
        await a.WriteMessageAsync(4, new byte[] { 1, 2, 3 });
        var message = await pending;
        Assert.Equal(4UL, message.Code);
        Assert.Equal(new byte[] { 1, 2, 3 }, message.Payload.ToArray());
    }

    /// <summary>Counts stream writes on the way through.</summary>
    private sealed class CountingStream(Stream inner) : DelegatingStream(inner)
    {
        public int Writes;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Writes);
            return Inner.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>Hands each read at most a random 1–40 bytes, so frames arrive split everywhere.</summary>
    private sealed class TricklingStream(Stream inner, Random rng) : DelegatingStream(inner)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Inner.ReadAsync(buffer[..Math.Min(buffer.Length, rng.Next(1, 41))], cancellationToken);
    }

    private abstract class DelegatingStream(Stream inner) : Stream
    {
        protected Stream Inner => inner;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
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
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); }
    }
}
