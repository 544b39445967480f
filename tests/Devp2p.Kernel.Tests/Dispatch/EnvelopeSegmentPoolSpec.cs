using Devp2p.Kernel.Dispatch;
using Devp2p.Tests.Shared;
using Xunit;

namespace Devp2p.Kernel.Tests.Dispatch;

/// <summary>The segment stock shared by mailbox queues: reuse across queues, a stale producer's slot, trimming.</summary>
public sealed class EnvelopeSegmentPoolSpec
{
    private sealed record Msg(int Queue, int Producer, int Seq);

    /// <summary>Messages that fill the segments of 32, 64, …, 512 slots: the next one lands in the first full-size segment.</summary>
    private static readonly int BeforeFirstFullSize = Enumerable.Range(0, 5).Sum(i => MpscEnvelopeQueue.FirstSegmentLength << i);

    private static void Fill(MpscEnvelopeQueue q, int count, object message)
    {
        for (var i = 0; i < count; i++) q.Enqueue(message, null);
    }

    private static int Drain(MpscEnvelopeQueue q)
    {
        var n = 0;
        while (q.TryDequeue(out _)) n++;
        return n;
    }

    [Fact]
    public void A_consumed_burst_returns_its_full_size_segments_and_the_next_queue_grows_from_them()
    {
        var pool = new EnvelopeSegmentPool(16);
        var a = new MpscEnvelopeQueue(pool);
        var m = new object();
        Fill(a, BeforeFirstFullSize + 4 * MpscEnvelopeQueue.MaxSegmentLength + 1, m);
        Assert.Equal(BeforeFirstFullSize + 4 * MpscEnvelopeQueue.MaxSegmentLength + 1, Drain(a));
        // Four full-size segments were consumed; the tail (the fifth) stays, the first small one is the spare.
        Assert.Equal(4, pool.Count);

        var b = new MpscEnvelopeQueue(pool);
        var messages = Enumerable.Range(0, BeforeFirstFullSize + 3 * MpscEnvelopeQueue.MaxSegmentLength).Select(i => (object)new Msg(1, 0, i)).ToArray();
        foreach (var x in messages) b.Enqueue(x, null);
        Assert.Equal(1, pool.Count);
        foreach (var x in messages)
        {
            Assert.True(b.TryDequeue(out var e));
            Assert.Same(x, e.Message);
        }
        Assert.False(b.TryDequeue(out _));
    }

    [Fact]
    public void A_second_burst_through_the_same_queue_allocates_nothing()
    {
        var pool = new EnvelopeSegmentPool(64);
        var q = new MpscEnvelopeQueue(pool);
        var m = new object();
        Fill(q, BeforeFirstFullSize + 10 * MpscEnvelopeQueue.MaxSegmentLength, m);
        Drain(q);

        // Nine full-size segments are pooled and the small first one is the spare: the next burst must grow from
        // the pool, not restart the doubling at the spare.
        int drained = 0;
        Assert.Equal(0, AllocationProbe.FewestBytes(() =>
        {
            Fill(q, 8 * MpscEnvelopeQueue.MaxSegmentLength, m);
            drained = Drain(q);
        }));
        Assert.Equal(8 * MpscEnvelopeQueue.MaxSegmentLength, drained);
    }

    [Fact]
    public void The_pool_keeps_at_most_its_capacity()
    {
        var pool = new EnvelopeSegmentPool(2);
        var a = new MpscEnvelopeQueue(pool);
        Fill(a, BeforeFirstFullSize + 6 * MpscEnvelopeQueue.MaxSegmentLength + 1, new object());
        Drain(a);
        Assert.Equal(2, pool.Count);
    }

    [Fact]
    public void A_stale_producer_in_a_segment_another_queue_now_owns_gives_its_slot_back()
    {
        var pool = new EnvelopeSegmentPool(16);
        var a = new MpscEnvelopeQueue(pool);
        var filler = new object();
        Fill(a, BeforeFirstFullSize + 1, filler);
        var stale = a.TailSegment; // a producer of A read its tail here, then stalled
        Assert.Equal(MpscEnvelopeQueue.MaxSegmentLength, stale.Slots.Length);
        Fill(a, MpscEnvelopeQueue.MaxSegmentLength, filler);
        Drain(a);
        Assert.Equal(1, pool.Count);

        var b = new MpscEnvelopeQueue(pool);
        var bMessages = Enumerable.Range(0, BeforeFirstFullSize + 2).Select(i => (object)new Msg(1, 0, i)).ToArray();
        foreach (var x in bMessages.Take(BeforeFirstFullSize + 1)) b.Enqueue(x, null);
        Assert.Same(stale, b.TailSegment);

        var fromA = new Msg(0, 0, 0);
        Assert.Equal(MpscEnvelopeQueue.Attempt.Retry, a.TryEnqueueIn(stale, fromA, null));
        b.Enqueue(bMessages[^1], null);
        a.Enqueue(fromA, null);

        foreach (var x in bMessages)
        {
            Assert.True(b.TryDequeue(out var e));
            Assert.Same(x, e.Message);
        }
        Assert.False(b.TryDequeue(out _));
        Assert.False(b.HasItems);
        Assert.True(a.TryDequeue(out var fromAEnvelope));
        Assert.Same(fromA, fromAEnvelope.Message);
        Assert.False(a.TryDequeue(out _));
    }

    [Fact]
    public void A_stale_producer_that_claims_the_end_of_another_queues_segment_grows_that_queue()
    {
        var pool = new EnvelopeSegmentPool(16);
        var a = new MpscEnvelopeQueue(pool);
        var filler = new object();
        Fill(a, BeforeFirstFullSize + 1, filler);
        var stale = a.TailSegment;
        Fill(a, MpscEnvelopeQueue.MaxSegmentLength, filler);
        Drain(a);

        var b = new MpscEnvelopeQueue(pool);
        var count = BeforeFirstFullSize + MpscEnvelopeQueue.MaxSegmentLength; // fills the rented segment exactly
        var bMessages = Enumerable.Range(0, count + 3).Select(i => (object)new Msg(1, 0, i)).ToArray();
        foreach (var x in bMessages.Take(count)) b.Enqueue(x, null);
        Assert.Same(stale, b.TailSegment);

        Assert.Equal(MpscEnvelopeQueue.Attempt.Retry, a.TryEnqueueIn(stale, new Msg(0, 0, 0), null));
        Assert.NotSame(stale, b.TailSegment); // B was grown on its behalf, so B's producers do not wait forever
        foreach (var x in bMessages.Skip(count)) b.Enqueue(x, null);
        foreach (var x in bMessages)
        {
            Assert.True(b.TryDequeue(out var e));
            Assert.Same(x, e.Message);
        }
        Assert.False(b.TryDequeue(out _));
        Assert.False(a.TryDequeue(out _));
    }

    [Fact]
    public void Trim_empties_the_pool_only_when_nothing_was_rented_for_the_trim_interval()
    {
        var pool = new EnvelopeSegmentPool(16);
        var a = new MpscEnvelopeQueue(pool);
        Fill(a, BeforeFirstFullSize + 3 * MpscEnvelopeQueue.MaxSegmentLength + 1, new object());
        Drain(a);
        Assert.Equal(3, pool.Count);
        var b = new MpscEnvelopeQueue(pool);
        Fill(b, BeforeFirstFullSize + 1, new object()); // rents one
        var rented = Environment.TickCount64;
        Assert.Equal(2, pool.Count);

        pool.Trim(rented);
        Assert.Equal(2, pool.Count);
        pool.Trim(rented + EnvelopeSegmentPool.TrimAfterMilliseconds / 2);
        Assert.Equal(2, pool.Count);
        pool.Trim(rented + EnvelopeSegmentPool.TrimAfterMilliseconds + 1);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Trim_under_memory_pressure_empties_the_pool_at_once()
    {
        var pool = new EnvelopeSegmentPool(16);
        var a = new MpscEnvelopeQueue(pool);
        Fill(a, BeforeFirstFullSize + 2 * MpscEnvelopeQueue.MaxSegmentLength + 1, new object());
        Drain(a);
        Assert.Equal(2, pool.Count);
        pool.Trim(Environment.TickCount64, unconditionally: true);
        Assert.Equal(0, pool.Count);
    }

    [Fact]
    public void Queues_sharing_a_small_pool_under_concurrent_bursts_get_only_their_own_messages_in_order()
    {
        const int queues = 3, producersPerQueue = 3, perProducer = 20_000;
        var pool = new EnvelopeSegmentPool(4);
        var qs = Enumerable.Range(0, queues).Select(_ => new MpscEnvelopeQueue(pool)).ToArray();
        var start = new Barrier(queues * producersPerQueue + queues);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        var producers = Enumerable.Range(0, queues * producersPerQueue).Select(n => new Thread(() =>
        {
            int queue = n / producersPerQueue, producer = n % producersPerQueue;
            var msgs = Enumerable.Range(0, perProducer).Select(i => new Msg(queue, producer, i)).ToArray();
            start.SignalAndWait();
            foreach (var m in msgs) qs[queue].Enqueue(m, null);
        })).ToList();
        var consumers = Enumerable.Range(0, queues).Select(queue => new Thread(() =>
        {
            var next = new int[producersPerQueue];
            var received = 0;
            start.SignalAndWait();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (received < producersPerQueue * perProducer)
            {
                if (qs[queue].TryDequeue(out var e))
                {
                    var m = (Msg)e.Message;
                    if (m.Queue != queue || m.Seq != next[m.Producer])
                    {
                        failures.Enqueue($"queue {queue} got {m}, expected seq {next[m.Producer]}");
                        return;
                    }
                    next[m.Producer]++;
                    received++;
                }
                else if (DateTime.UtcNow > deadline)
                {
                    failures.Enqueue($"queue {queue} stalled after {received}");
                    return;
                }
                else
                {
                    Thread.Yield();
                }
            }
            if (qs[queue].TryDequeue(out var extra)) failures.Enqueue($"queue {queue} got an extra {extra.Message}");
        })).ToList();

        producers.ForEach(t => t.Start());
        consumers.ForEach(t => t.Start());
        producers.ForEach(t => t.Join());
        consumers.ForEach(t => t.Join());
        Assert.Empty(failures);
    }
}
