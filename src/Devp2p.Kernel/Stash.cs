using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>An actor that can set messages aside and take them back later (Akka's <c>IWithUnboundedStash</c>).</summary>
public interface IWithUnboundedStash
{
    /// <summary>Set by the runtime before the constructor's first message.</summary>
    IStash Stash { get; set; }
}

/// <summary>The stash of the current actor.</summary>
public interface IStash
{
    /// <summary>Sets the message being handled aside.</summary>
    void Stash();

    /// <summary>Puts the oldest stashed message back in front of the mailbox.</summary>
    void Unstash();

    /// <summary>Puts every stashed message back in front of the mailbox, in the order they were stashed.</summary>
    void UnstashAll();

    /// <summary>Drops the stash and returns its messages.</summary>
    IEnumerable<Envelope> ClearStash();

    int Count { get; }
}

/// <summary>The stash lives in the cell, not the actor instance, so a restart can hand it back to the mailbox.</summary>
internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();

    public int Count => _stashed.Count;

    public void Stash()
    {
        var message = cell.CurrentMessage ?? throw new IllegalActorStateException("Stash() can only be called while handling a message.");
        if (_stashed.Last is { } last && ReferenceEquals(last.Value.Message, message))
            throw new IllegalActorStateException($"Can't stash the same message {message} more than once.");
        _stashed.AddLast(new Envelope(message, cell.CurrentSender));
    }

    public void Unstash()
    {
        if (_stashed.First is not { } first) return;
        _stashed.RemoveFirst();
        cell.Mailbox.Prepend(first.Value);
    }

    public void UnstashAll() => UnstashAllIntoMailbox();

    internal void UnstashAllIntoMailbox()
    {
        for (var node = _stashed.Last; node is not null; node = node.Previous) cell.Mailbox.Prepend(node.Value);
        _stashed.Clear();
    }

    public IEnumerable<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }

    internal void DropAllToDeadLetters()
    {
        foreach (var e in ClearStash()) cell.System.DeadLetter(e.Message, e.Sender, cell.Self);
    }
}
