namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// A bounded, process-wide stock of full-size (<see cref="MpscEnvelopeQueue.MaxSegmentLength"/>) mailbox segments.
/// <para>
/// Why: a burst that outruns its receiver (eight senders into one actor) queues 16 bytes per message in fresh
/// 16 KiB segments; allocating, zeroing and promoting those through gen0 and gen1 cost more than the messages
/// themselves (a gen2 collection per 800,000-message burst). A queue returns the segments it has consumed here (it
/// keeps one spare of its own), and any queue that grows takes them back, so a process that has seen a burst
/// once takes the next without allocating. A segment is rented and returned once per 1,024 messages, so a lock
/// is cheap enough. A gen2 collection empties the stock when nothing was rented for <see cref="TrimAfterMilliseconds"/>
/// (or when the GC reports high memory load), so an idle process does not keep it.
/// </para>
/// </summary>
internal sealed class EnvelopeSegmentPool
{
    /// <summary>1,024 segments of 1,024 slots: at most 16 MiB kept, enough for a backlog of a million messages.</summary>
    public const int SharedCapacity = 1024;

    /// <summary>How long the stock is kept without a rent (checked on gen2 collections).</summary>
    public const long TrimAfterMilliseconds = 10_000;

    public static readonly EnvelopeSegmentPool Shared = CreateShared();

    private readonly EnvelopeSegment?[] _items;
    private int _count;
    private long _lastRent = Environment.TickCount64;

    public EnvelopeSegmentPool(int capacity) => _items = new EnvelopeSegment?[capacity];

    public int Count
    {
        get { lock (_items) return _count; }
    }

    /// <summary>A consumed segment (reservation counter <see cref="EnvelopeSegment.Pending"/>, every slot cleared, no next), or null.</summary>
    public EnvelopeSegment? TryRent()
    {
        lock (_items)
        {
            if (_count == 0) return null;
            _lastRent = Environment.TickCount64;
            var segment = _items[--_count];
            _items[_count] = null;
            return segment;
        }
    }

    /// <summary>False when the pool is full (the segment is then left to the GC).</summary>
    public bool TryReturn(EnvelopeSegment segment)
    {
        lock (_items)
        {
            if (_count == _items.Length) return false;
            _items[_count++] = segment;
            return true;
        }
    }

    /// <summary>Empties the pool if nothing was rented for <see cref="TrimAfterMilliseconds"/> before <paramref name="now"/> (<see cref="Environment.TickCount64"/>), or unconditionally.</summary>
    public void Trim(long now, bool unconditionally = false)
    {
        lock (_items)
        {
            if (!unconditionally && now - _lastRent < TrimAfterMilliseconds) return;
            Array.Clear(_items, 0, _count);
            _count = 0;
        }
    }

    private static EnvelopeSegmentPool CreateShared()
    {
        var pool = new EnvelopeSegmentPool(SharedCapacity);
        _ = new Gen2Trimmer(pool);
        return pool;
    }

    /// <summary>
    /// Unreachable from the start and re-registered for finalization each time it is finalized, so (once promoted)
    /// its finalizer runs after every gen2 collection — the pattern of the runtime's own array pool.
    /// </summary>
    private sealed class Gen2Trimmer(EnvelopeSegmentPool pool)
    {
        ~Gen2Trimmer()
        {
            if (Environment.HasShutdownStarted) return;
            var memory = GC.GetGCMemoryInfo();
            pool.Trim(Environment.TickCount64, unconditionally: memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes);
            GC.ReRegisterForFinalize(this);
        }
    }
}
