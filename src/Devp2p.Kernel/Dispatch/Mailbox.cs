using System.Collections.Concurrent;

namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// One actor's mailbox, and the thread-pool work item that runs it.
/// <para>
/// Senders enqueue lock-free (an <see cref="MpscEnvelopeQueue"/>: one interlocked increment, envelopes stored by
/// value in recycled segments, so no allocation per message) and then try to flip the <c>Scheduled</c> bit with a compare-and-swap; only the winner queues the
/// mailbox itself on the .NET thread pool, so at most one run per actor exists at any time. A run first drains
/// the system-message queue, then processes up to <c>throughput</c> user messages (re-checking system messages
/// after each one so Terminate/Suspend take effect at once); if anything is left it requeues itself with the bit
/// still set, else it clears the bit and checks once more. A suspended mailbox (the actor failed and waits for its supervisor) runs only system
/// messages. Messages unstashed by the actor are kept in a small deque in front of the queue.
/// </para>
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;

    private readonly MpscEnvelopeQueue _messages = new();
    private readonly ConcurrentQueue<SystemMessage> _systemMessages = new();
    private readonly LinkedList<Envelope> _prepended = new();
    private readonly ActorCell _cell;
    private readonly int _throughput;
    private int _prependedCount; // touched only by the actor's own run
    private int _suspendCount;   // written only by the actor's own run; read by senders to decide on scheduling
    private int _systemMessageCount;
    private int _status;

    public Mailbox(ActorCell cell, int throughput)
    {
        _cell = cell;
        _throughput = Math.Max(1, throughput);
    }

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;
    public bool IsSuspended => Volatile.Read(ref _suspendCount) > 0;

    /// <summary>Exact only on the actor's own run; elsewhere a racy hint (used by senders to decide on scheduling).</summary>
    public bool HasMessages => _prependedCount > 0 || _messages.HasItems;
    public bool HasSystemMessages => Volatile.Read(ref _systemMessageCount) > 0;

    /// <summary>On the actor's own run only (diagnostics and tests).</summary>
    public int NumberOfMessages => _messages.Count + _prependedCount;

    /// <summary>Enqueues a user message and schedules a run if needed; after close, the message goes to dead letters.</summary>
    public void Post(Envelope envelope)
    {
        // The enqueue is a full fence, so either this read sees the run's clearing of Scheduled, or the run's final
        // HasMessages check sees the reserved slot.
        _messages.Enqueue(envelope.Message, envelope.Sender);
        if ((Volatile.Read(ref _status) & (Scheduled | Closed)) == 0)
        {
            TrySchedule(posted: true);
        }
        else if (IsClosed)
        {
            DrainToDeadLetters();
        }
    }

    public void PostSystem(SystemMessage message)
    {
        _systemMessages.Enqueue(message);
        Interlocked.Increment(ref _systemMessageCount);
        if (IsClosed) DrainDeadSystemMessages();
        else TrySchedule();
    }

    /// <summary>Puts messages back in front of the queue (Unstash). Only called from the actor's own run.</summary>
    public void Prepend(Envelope envelope)
    {
        _prepended.AddFirst(envelope);
        _prependedCount = _prepended.Count;
    }

    public void Suspend() => Volatile.Write(ref _suspendCount, _suspendCount + 1);

    public void Resume()
    {
        if (_suspendCount > 0) Volatile.Write(ref _suspendCount, _suspendCount - 1);
    }

    /// <summary>Closes the mailbox for good: pending user messages become dead letters, pending system messages are answered as by a dead actor.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, Closed);
        DrainToDeadLetters();
        DrainDeadSystemMessages();
    }

    /// <summary>
    /// After close, any thread may drain (Close on the run, or a sender that raced with it). The queue has one
    /// consumer, so dequeuing takes a lock; publishing happens outside it.
    /// </summary>
    private void DrainToDeadLetters()
    {
        while (_cell.IsRunningOnThisThread && _prependedCount > 0)
        {
            var e = _prepended.First!.Value;
            _prepended.RemoveFirst();
            _prependedCount = _prepended.Count;
            _cell.System.DeadLetter(e.Message, e.Sender, _cell.Self);
        }

        List<Envelope>? dead = null;
        lock (_messages)
        {
            while (_messages.TryDequeue(out var envelope)) (dead ??= new()).Add(envelope);
        }
        if (dead is null) return;
        foreach (var e in dead) _cell.System.DeadLetter(e.Message, e.Sender, _cell.Self);
    }

    private void DrainDeadSystemMessages()
    {
        while (_systemMessages.TryDequeue(out var m))
        {
            Interlocked.Decrement(ref _systemMessageCount);
            _cell.HandleSystemMessageWhenDead(m);
        }
    }

    private void TrySchedule(bool posted = false)
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & (Scheduled | Closed)) != 0) return;
            if (!(posted ? Volatile.Read(ref _suspendCount) == 0 || HasSystemMessages : CanBeScheduled())) return;
            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                // Always the global (FIFO) queue: runs start in the order they were scheduled. The thread-local queue
                // (LIFO, preferLocal: true) let a run scheduled from another actor's run overtake runs queued before
                // it — a supervisor's Recreate reached a sibling before that sibling's earlier user message — and
                // measured no faster in bench kernel.
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    private bool CanBeScheduled() => HasSystemMessages || (Volatile.Read(ref _suspendCount) == 0 && HasMessages);

    /// <summary>Internal: lets the ActorSystem run the guardian's Create synchronously-free start.</summary>
    public void Start() => TrySchedule();

    void IThreadPoolWorkItem.Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            ProcessSystemMessages();
            ProcessMessages();
        }
        finally
        {
            ActorCell.Current = previous;
            if (!IsClosed && CanBeScheduled())
            {
                // More to do: requeue with the Scheduled bit still set (senders keep seeing it; no CAS).
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
            }
            else
            {
                Interlocked.And(ref _status, ~Scheduled);
                TrySchedule();
            }
        }
    }

    private void ProcessSystemMessages()
    {
        while (_systemMessages.TryDequeue(out var message))
        {
            Interlocked.Decrement(ref _systemMessageCount);
            if (IsClosed) _cell.HandleSystemMessageWhenDead(message);
            else _cell.SystemInvoke(message);
        }
    }

    private void ProcessMessages()
    {
        var left = _throughput;
        while (_suspendCount == 0 && (Volatile.Read(ref _status) & Closed) == 0)
        {
            Envelope envelope;
            if (_prependedCount > 0)
            {
                envelope = _prepended.First!.Value;
                _prepended.RemoveFirst();
                _prependedCount = _prepended.Count;
            }
            else if (!_messages.TryDequeue(out envelope))
            {
                return;
            }

            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemMessageCount) > 0) ProcessSystemMessages();
            if (--left == 0) return;
        }
    }
}
