using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// <see cref="RlpxConnection.ReadMessageAsync"/> keeps its async state in pooled boxes, reused across reads and
/// connections: every read that has to wait on the socket must still return its own message, intact and in
/// order, including at the read-ahead buffer's size boundaries and with several connections reading at once.
/// </summary>
public class ConnectionPooledReadTests
{
    /// <summary>Around nothing, one byte, the 16 KiB read-ahead and a large frame.</summary>
    private static readonly int[] Sizes = [0, 1, 31, 32, 16 * 1024 - 33, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000];

    private static byte[] Payload(Random rng, int size)
    {
        var payload = new byte[size];
        rng.NextBytes(payload);
        return payload;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_read_that_waits_gets_its_own_message_at_every_size(bool snappy)
    {
        var (a, b) = await LoopbackRlpx.ConnectAsync();
        await using var _a = a;
        await using var _b = b;
        if (snappy)
        {
            a.EnableSnappy();
            b.EnableSnappy();
        }
        var rng = new Random(7);
        ulong code = 0;
        foreach (int size in Sizes.Concat(Sizes.Reverse()).Concat(Sizes))
        {
            var pending = b.ReadMessageAsync(); // nothing sent yet: this read waits on the socket
            Assert.False(pending.IsCompleted);
            var payload = Payload(rng, size);
            await a.WriteMessageAsync(++code, payload);
            var message = await pending;
            Assert.Equal(code, message.Code);
            Assert.True(payload.AsSpan().SequenceEqual(message.Payload.Span), $"payload of {size} bytes differs");
        }
    }

    [Fact]
    public async Task Connections_reading_at_once_on_the_pool_never_see_each_others_messages()
    {
        const int connections = 4, rounds = 60;
        var pairs = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => LoopbackRlpx.ConnectAsync()));
        try
        {
            await Task.WhenAll(pairs.Select((pair, index) => Task.Run(async () =>
            {
                var rng = new Random(index);
                for (int round = 0; round < rounds; round++)
                {
                    var pending = pair.Listener.ReadMessageAsync();
                    var payload = Payload(rng, Sizes[rng.Next(Sizes.Length)]);
                    ulong code = (ulong)(index * 1000 + round);
                    await pair.Dialer.WriteMessageAsync(code, payload);
                    var message = await pending;
                    Assert.Equal(code, message.Code);
                    Assert.True(payload.AsSpan().SequenceEqual(message.Payload.Span));
                }
            })));
        }
        finally
        {
            foreach (var (dialer, listener) in pairs)
            {
                await dialer.DisposeAsync();
                await listener.DisposeAsync();
            }
        }
    }
}
