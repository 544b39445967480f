using System.Runtime.CompilerServices;

namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// The mailbox's user-message queue: unbounded, many producers, ONE consumer, and no allocation per message
/// once warm. A linked list of array segments; each slot holds an envelope by value (16 bytes).
/// <para>
/// Producer: one <see cref="Interlocked.Increment(ref int)"/> on the tail segment's reservation counter claims a
/// slot, then the sender and (last, with release semantics) the message are written; a non-null message marks the
/// slot as ready. The producer that claims exactly index <c>Length</c> links the next segment (the recycled spare if
/// there is one, else a new one, twice the size up to <see cref="MaxSegmentLength"/>); others that find the tail
/// full spin until it moves. The counter is read before it is incremented and left alone once past <c>Length</c>,
/// so it never runs past <c>Length</c> by more than the number of concurrent producers.
/// </para>
/// <para>
/// Consumer (only the mailbox run, or a closed mailbox's drain under a lock): plain reads, no interlocked op per
/// message. A fully consumed segment is reset to <see cref="EnvelopeSegment.Pending"/> (so a stale producer that still holds it
/// cannot reserve in it), unlinked, and kept as the spare for the next link. A segment is reopened only after it
/// has been linked as the tail's successor and published as the tail, so a slot reserved in it always lies after
/// every full segment, and the tail only ever moves forward.
/// </para>
/// <para>
/// Full-size segments the queue does not keep as its spare go to an <see cref="EnvelopeSegmentPool"/> shared by all
/// queues, and a growing queue rents from it first, so a burst does not allocate once the process has seen one.
/// A segment can thus change queues while a stale producer still holds it: a producer checks, after reserving, that
/// the segment's <see cref="EnvelopeSegment.Owner"/> is still its queue; if not, it marks the slot
/// <see cref="Abandoned"/> (the owner's consumer skips it; had it claimed index <c>Length</c> it grows the owner's
/// queue for it) and retries on its own tail.
/// </para>
/// </summary>
internal sealed class MpscEnvelopeQueue
{
    public const int FirstSegmentLength = 32;
    public const int MaxSegmentLength = 1024;

    /// <summary>Written by a stale producer into a slot it reserved in a segment another queue owns now; skipped by the consumer.</summary>
    internal static readonly object Abandoned = new();

    private readonly EnvelopeSegmentPool _pool;

    // Consumer side. _headSlots is _head.Slots, kept here so a dequeue touches neither the segment object nor its
    // producers' counter.
    private EnvelopeSegment _head;
    private EnvelopeSegment.Slot[] _headSlots;
    private int _headIndex;

    // Producer side, on its own cache line.
    private PaddedTail _tail;
    private EnvelopeSegment? _spare;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedTail
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public EnvelopeSegment Segment;
    }

    public MpscEnvelopeQueue() : this(EnvelopeSegmentPool.Shared) { }

    public MpscEnvelopeQueue(EnvelopeSegmentPool pool)
    {
        _pool = pool;
        var first = new EnvelopeSegment(FirstSegmentLength, this);
        first.Reserved = 0;
        _head = first;
        _headSlots = first.Slots;
        _tail.Segment = first;
    }

    /// <summary>The segment producers reserve in now (tests).</summary>
    internal EnvelopeSegment TailSegment => Volatile.Read(ref _tail.Segment);

    /// <summary>Thread-safe. The enqueue is a full fence (an interlocked increment precedes the slot write).</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var spinner = new SpinWait();
        while (true)
        {
            switch (TryEnqueueIn(Volatile.Read(ref _tail.Segment), message, sender))
            {
                case Attempt.Done:
                    return;
                case Attempt.Full:
                    spinner.SpinOnce(sleep1Threshold: -1);
                    break;
            }
        }
    }

    internal enum Attempt
    {
        Done,
        /// <summary>The tail moved (this producer grew it, or the segment belongs to another queue now): read it again.</summary>
        Retry,
        /// <summary>The segment is full and another producer is growing the queue: wait for the tail to move.</summary>
        Full,
    }

    /// <summary>One attempt in <paramref name="segment"/>, this queue's tail when it was read (tests pass a stale one).</summary>
    internal Attempt TryEnqueueIn(EnvelopeSegment segment, object message, IActorRef? sender)
    {
        var length = segment.Slots.Length;
        if (Volatile.Read(ref segment.Reserved) > length) return Attempt.Full;
        var index = Interlocked.Increment(ref segment.Reserved) - 1;
        if (index > length) return Attempt.Full;

        // After the interlocked increment: the owner of the opening we reserved in (written before it opened).
        var owner = Volatile.Read(ref segment.Owner);
        if (index == length)
        {
            owner.Grow(segment);
            return Attempt.Retry;
        }

        ref var slot = ref segment.Slots[index];
        if (!ReferenceEquals(owner, this))
        {
            Volatile.Write(ref slot.Message, Abandoned);
            return Attempt.Retry;
        }
        slot.Sender = sender;
        Volatile.Write(ref slot.Message, message);
        return Attempt.Done;
    }

    /// <summary>Called by the one producer that claimed index Length of the tail segment.</summary>
    private void Grow(EnvelopeSegment full)
    {
        var length = Math.Min(full.Slots.Length * 2, MaxSegmentLength);
        var next = Interlocked.Exchange(ref _spare, null);
        if (next is not null && next.Slots.Length < full.Slots.Length)
        {
            // A small spare after a full-size segment would restart the doubling (and its allocations) mid-burst:
            // keep it for when the queue is quiet again.
            Interlocked.CompareExchange(ref _spare, next, null);
            next = null;
        }
        next ??= (length == MaxSegmentLength ? _pool.TryRent() : null) ?? new EnvelopeSegment(length, this);
        // Own, link, publish, then open: nobody can reserve in (and so fill) the next segment before it is the tail,
        // and whoever reserves in it sees this queue as its owner.
        Volatile.Write(ref next.Owner, this);
        Volatile.Write(ref full.Next, next);
        Volatile.Write(ref _tail.Segment, next);
        Interlocked.Exchange(ref next.Reserved, 0);
    }

    /// <summary>
    /// Consumer only. False when nothing is reserved; when a slot is reserved but its producer has not written it
    /// yet, spins until it has (the producer is between two plain stores).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out Envelope envelope)
    {
        var slots = _headSlots;
        var index = _headIndex;
        if ((uint)index < (uint)slots.Length)
        {
            ref var slot = ref slots[index];
            var message = Volatile.Read(ref slot.Message);
            if (message is not null && !ReferenceEquals(message, Abandoned))
            {
                envelope = new Envelope(message, slot.Sender);
                slot = default;
                _headIndex = index + 1;
                return true;
            }
        }
        return TryDequeueSlow(out envelope);
    }

    private bool TryDequeueSlow(out Envelope envelope)
    {
        while (true)
        {
            var segment = _head;
            var index = _headIndex;
            if (index == segment.Slots.Length)
            {
                var next = Volatile.Read(ref segment.Next);
                if (next is null)
                {
                    envelope = default;
                    return false;
                }
                _head = next;
                _headSlots = next.Slots;
                _headIndex = 0;
                Recycle(segment);
                continue;
            }

            if (ReservedCount(segment) <= index)
            {
                envelope = default;
                return false;
            }

            ref var slot = ref segment.Slots[index];
            var spinner = new SpinWait();
            object? message;
            while ((message = Volatile.Read(ref slot.Message)) is null) spinner.SpinOnce(sleep1Threshold: -1);
            var sender = slot.Sender;
            slot = default;
            _headIndex = index + 1;
            if (ReferenceEquals(message, Abandoned)) continue;
            envelope = new Envelope(message, sender);
            return true;
        }
    }

    private void Recycle(EnvelopeSegment consumed)
    {
        // Every slot was consumed and cleared. Stale producers must not reserve in it again: mark it Pending first,
        // then unlink it; keep it as the spare, else give a full-size one to the pool.
        Interlocked.Exchange(ref consumed.Reserved, EnvelopeSegment.Pending);
        consumed.Next = null;
        if (Interlocked.CompareExchange(ref _spare, consumed, null) is not null && consumed.Slots.Length == MaxSegmentLength)
        {
            _pool.TryReturn(consumed);
        }
    }

    private static int ReservedCount(EnvelopeSegment segment)
    {
        var reserved = Volatile.Read(ref segment.Reserved);
        return reserved >= EnvelopeSegment.Pending ? 0 : Math.Min(reserved, segment.Slots.Length);
    }

    /// <summary>
    /// Consumer only: whether a message is reserved (possibly still being written) or a next segment is linked.
    /// May be true for an abandoned slot alone (the next dequeue then skips it and finds nothing).
    /// </summary>
    public bool HasItems
    {
        get
        {
            var segment = _head;
            var index = _headIndex;
            if (index < segment.Slots.Length) return ReservedCount(segment) > index;
            return Volatile.Read(ref segment.Next) is not null;
        }
    }

    /// <summary>Consumer only; walks the segments (diagnostics and tests; abandoned slots count too).</summary>
    public int Count
    {
        get
        {
            var count = 0;
            var index = _headIndex;
            for (var s = _head; s is not null; s = Volatile.Read(ref s.Next), index = 0)
            {
                count += Math.Max(0, ReservedCount(s) - index);
            }
            return count;
        }
    }
}
