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
/// message. A fully consumed segment is reset to <see cref="Pending"/> (so a stale producer that still holds it
/// cannot reserve in it), unlinked, and kept as the spare for the next link. A segment is reopened only after it
/// has been linked as the tail's successor and published as the tail, so a slot reserved in it always lies after
/// every full segment, and the tail only ever moves forward.
/// </para>
/// </summary>
internal sealed class MpscEnvelopeQueue
{
    public const int FirstSegmentLength = 32;
    public const int MaxSegmentLength = 1024;
    private const int Pending = 1 << 30;

    private sealed class Segment(int length)
    {
        public readonly Slot[] Slots = new Slot[length];
        public int Reserved = Pending;
        public Segment? Next;
    }

    private struct Slot
    {
        public object? Message;
        public IActorRef? Sender;
    }

    // Consumer side.
    private Segment _head;
    private int _headIndex;

    // Producer side, on its own cache line.
    private PaddedTail _tail;
    private Segment? _spare;

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 128)]
    private struct PaddedTail
    {
        [System.Runtime.InteropServices.FieldOffset(64)] public Segment Segment;
    }

    public MpscEnvelopeQueue()
    {
        var first = new Segment(FirstSegmentLength) { Reserved = 0 };
        _head = first;
        _tail.Segment = first;
    }

    /// <summary>Thread-safe. The enqueue is a full fence (an interlocked increment precedes the slot write).</summary>
    public void Enqueue(object message, IActorRef? sender)
    {
        var spinner = new SpinWait();
        while (true)
        {
            var segment = Volatile.Read(ref _tail.Segment);
            var length = segment.Slots.Length;
            if (Volatile.Read(ref segment.Reserved) <= length)
            {
                var index = Interlocked.Increment(ref segment.Reserved) - 1;
                if (index < length)
                {
                    ref var slot = ref segment.Slots[index];
                    slot.Sender = sender;
                    Volatile.Write(ref slot.Message, message);
                    return;
                }

                if (index == length)
                {
                    Grow(segment);
                    continue;
                }
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Called by the one producer that claimed index Length of the tail segment.</summary>
    private void Grow(Segment full)
    {
        var next = Interlocked.Exchange(ref _spare, null)
                   ?? new Segment(Math.Min(full.Slots.Length * 2, MaxSegmentLength));
        // Link, publish, then open: nobody can reserve in (and so fill) the next segment before it is the tail.
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
        var segment = _head;
        var index = _headIndex;
        if (index < segment.Slots.Length)
        {
            ref var slot = ref segment.Slots[index];
            var message = Volatile.Read(ref slot.Message);
            if (message is not null)
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
            envelope = new Envelope(message, slot.Sender);
            slot = default;
            _headIndex = index + 1;
            return true;
        }
    }

    private void Recycle(Segment consumed)
    {
        // Every slot was consumed and cleared. Stale producers must not reserve in it again: mark it Pending first,
        // then unlink it.
        Interlocked.Exchange(ref consumed.Reserved, Pending);
        consumed.Next = null;
        Interlocked.CompareExchange(ref _spare, consumed, null);
    }

    private static int ReservedCount(Segment segment)
    {
        var reserved = Volatile.Read(ref segment.Reserved);
        return reserved >= Pending ? 0 : Math.Min(reserved, segment.Slots.Length);
    }

    /// <summary>Consumer only: whether a message is reserved (possibly still being written) or a next segment is linked.</summary>
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

    /// <summary>Consumer only; walks the segments (diagnostics and tests).</summary>
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
