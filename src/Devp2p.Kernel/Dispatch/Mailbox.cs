using System.Collections.Concurrent;

namespace Devp2p.Kernel.Dispatch;

/// <summary>
/// One actor's mailbox, and the thread-pool work item that runs it.
/// <para>
/// Senders enqueue lock-free (a <see cref="ConcurrentQueue{T}"/> of <see cref="Envelope"/> structs: no allocation
/// per message) and then try to flip the <c>Scheduled</c> bit with a compare-and-swap; only the winner queues the
/// mailbox itself on the .NET thread pool, so at most one run per actor exists at any time. A run first drains
/// the system-message queue, then processes up to <c>throughput</c> user messages (re-checking system messages
/// after each one so Terminate/Suspend take effect at once), then clears the bit and reschedules itself if
/// anything is left. A suspended mailbox (the actor failed and waits for its supervisor) runs only system
/// messages. Messages unstashed by the actor are kept in a small deque in front of the queue.
/// </para>
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Scheduled = 1;
    private const int Closed = 2;

    private readonly ConcurrentQueue<Envelope> _messages = new();
    private readonly ConcurrentQueue<SystemMessage> _systemMessages = new();
    private readonly LinkedList<Envelope> _prepended = new();
    private readonly ActorCell _cell;
    private readonly int _throughput;
    private volatile int _prependedCount;
    private volatile int _suspendCount;
    private int _systemMessageCount;
    private int _status;

    public Mailbox(ActorCell cell, int throughput)
    {
        _cell = cell;
        _throughput = Math.Max(1, throughput);
    }

    public bool IsClosed => (Volatile.Read(ref _status) & Closed) != 0;
    public bool IsSuspended => _suspendCount > 0;
    public bool HasMessages => _prependedCount > 0 || !_messages.IsEmpty;
    public bool HasSystemMessages => Volatile.Read(ref _systemMessageCount) > 0;
    public int NumberOfMessages => _messages.Count + _prependedCount;

    /// <summary>Enqueues a user message and schedules a run if needed; after close, the message goes to dead letters.</summary>
    public void Post(Envelope envelope)
    {
        _messages.Enqueue(envelope);
        if ((Volatile.Read(ref _status) & (Scheduled | Closed)) == 0)
        {
            TrySchedule();
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

    public void Suspend() => _suspendCount++;

    public void Resume()
    {
        if (_suspendCount > 0) _suspendCount--;
    }

    /// <summary>Closes the mailbox for good: pending user messages become dead letters, pending system messages are answered as by a dead actor.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, Closed);
        DrainToDeadLetters();
        DrainDeadSystemMessages();
    }

    private void DrainToDeadLetters()
    {
        while (_prependedCount > 0 && _cell.IsRunningOnThisThread)
        {
            var e = _prepended.First!.Value;
            _prepended.RemoveFirst();
            _prependedCount = _prepended.Count;
            _cell.System.DeadLetter(e.Message, e.Sender, _cell.Self);
        }
        while (_messages.TryDequeue(out var envelope)) _cell.System.DeadLetter(envelope.Message, envelope.Sender, _cell.Self);
    }

    private void DrainDeadSystemMessages()
    {
        while (_systemMessages.TryDequeue(out var m))
        {
            Interlocked.Decrement(ref _systemMessageCount);
            _cell.HandleSystemMessageWhenDead(m);
        }
    }

    private void TrySchedule()
    {
        while (true)
        {
            var status = Volatile.Read(ref _status);
            if ((status & (Scheduled | Closed)) != 0) return;
            if (!CanBeScheduled()) return;
            if (Interlocked.CompareExchange(ref _status, status | Scheduled, status) == status)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    private bool CanBeScheduled() => HasSystemMessages || (_suspendCount == 0 && HasMessages);

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
            Interlocked.And(ref _status, ~Scheduled);
            TrySchedule();
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
