using Devp2p.Kernel.Dispatch;
using Devp2p.Tests.Shared;
using Xunit;

namespace Devp2p.Kernel.Tests.Dispatch;

public sealed class MpscEnvelopeQueueSpec
{
    private sealed record Msg(int Producer, int Seq);

    [Fact]
    public void Empty_queue_has_nothing()
    {
        var q = new MpscEnvelopeQueue();
        Assert.False(q.HasItems);
        Assert.False(q.TryDequeue(out _));
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void Single_producer_is_fifo_across_many_segments_and_keeps_senders()
    {
        var q = new MpscEnvelopeQueue();
        const int n = 5 * MpscEnvelopeQueue.MaxSegmentLength + 7;
        var messages = Enumerable.Range(0, n).Select(i => (object)new Msg(0, i)).ToArray();
        for (var i = 0; i < n; i++) q.Enqueue(messages[i], null);
        Assert.True(q.HasItems);
        Assert.Equal(n, q.Count);
        for (var i = 0; i < n; i++)
        {
            Assert.True(q.TryDequeue(out var e));
            Assert.Same(messages[i], e.Message);
        }
        Assert.False(q.HasItems);
        Assert.False(q.TryDequeue(out _));
    }

    [Fact]
    public void Interleaved_enqueue_dequeue_reuses_segments_without_allocating()
    {
        var q = new MpscEnvelopeQueue();
        var m = new object();
        // Warm up: cross a few segment boundaries so the spare exists.
        for (var i = 0; i < 1000; i++)
        {
            q.Enqueue(m, null);
            Assert.True(q.TryDequeue(out _));
        }

        Assert.Equal(0, AllocationProbe.FewestBytes(() =>
        {
            for (var i = 0; i < 100_000; i++)
            {
                q.Enqueue(m, null);
                Assert.True(q.TryDequeue(out var e));
                Assert.Same(m, e.Message);
            }
        }));
        Assert.False(q.HasItems);
    }

    [Fact]
    public void Concurrent_producers_keep_their_own_order_with_a_concurrent_consumer()
    {
        const int producers = 6, perProducer = 50_000;
        var q = new MpscEnvelopeQueue();
        var start = new Barrier(producers + 1);
        var threads = Enumerable.Range(0, producers).Select(p => new Thread(() =>
        {
            var msgs = Enumerable.Range(0, perProducer).Select(i => new Msg(p, i)).ToArray();
            start.SignalAndWait();
            foreach (var m in msgs) q.Enqueue(m, null);
        })).ToList();
        threads.ForEach(t => t.Start());

        var next = new int[producers];
        var received = 0;
        start.SignalAndWait();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (received < producers * perProducer)
        {
            if (q.TryDequeue(out var e))
            {
                var m = (Msg)e.Message;
                Assert.Equal(next[m.Producer], m.Seq);
                next[m.Producer]++;
                received++;
            }
            else
            {
                Assert.True(DateTime.UtcNow < deadline, $"stalled after {received} messages");
                Thread.Yield();
            }
        }
        threads.ForEach(t => t.Join());
        Assert.False(q.HasItems);
        Assert.False(q.TryDequeue(out _));
    }

    [Fact]
    public void HasItems_sees_every_completed_enqueue()
    {
        // The mailbox relies on this: after a run clears Scheduled, a sender that did not see the flag cleared
        // must have a message that HasItems reports.
        var q = new MpscEnvelopeQueue();
        for (var round = 0; round < 3 * MpscEnvelopeQueue.MaxSegmentLength; round++)
        {
            q.Enqueue(round, null);
            Assert.True(q.HasItems);
            Assert.True(q.TryDequeue(out var e));
            Assert.Equal(round, e.Message);
            Assert.False(q.HasItems);
        }
    }
}
