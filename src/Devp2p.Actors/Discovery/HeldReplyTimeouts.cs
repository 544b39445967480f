namespace Devp2p.Actors.Discovery;

/// <summary>
/// Reply timeouts held back until the datagrams that reached us before them have been handled. The
/// receive loop decodes each datagram (signature recovery included, <see cref="InboundDecoder"/>) before
/// the actor sees it; under load that can take longer than a reply's timeout, and a Pong that reached the
/// socket in time would then be handled after its timeout and dropped as unsolicited, its endpoint proof
/// lost. A timeout that fires while datagrams admitted before it are still on their way waits for them:
/// it is due once the actor has taken as many datagrams as the intake had admitted when it fired. It
/// never waits for datagrams admitted after it fired, so a flood cannot hold it back for long.
/// Touched on the actor's turn only.
/// </summary>
internal sealed class HeldReplyTimeouts
{
    private readonly Queue<(long Mark, long ReplyId)> _held = new();

    /// <summary>Timeouts waiting for earlier datagrams.</summary>
    public int Count => _held.Count;

    /// <summary>
    /// A timeout for <paramref name="replyId"/> fired when <paramref name="admitted"/> datagrams had been
    /// admitted and <paramref name="taken"/> handled: true when it is due now, false when it is held
    /// (and returned by <see cref="TakeDue"/> once those datagrams are handled).
    /// </summary>
    public bool IsDue(long replyId, long admitted, long taken)
    {
        if (taken >= admitted && _held.Count == 0)
            return true;
        // Marks only grow (the intake's count does), so the queue stays ordered by mark.
        _held.Enqueue((admitted, replyId));
        return false;
    }

    /// <summary>The held timeouts that are due now that <paramref name="taken"/> datagrams have been handled, oldest first.</summary>
    public IReadOnlyList<long> TakeDue(long taken)
    {
        if (_held.Count == 0 || _held.Peek().Mark > taken)
            return [];
        var due = new List<long>();
        while (_held.Count > 0 && _held.Peek().Mark <= taken)
            due.Add(_held.Dequeue().ReplyId);
        return due;
    }

    /// <summary>Forgets every held timeout (the actor stops).</summary>
    public void Clear() => _held.Clear();
}
