namespace Devp2p.Kernel.Event;

/// <summary>A message that could not be delivered (its recipient is dead, or it was sent to DeadLetters). Published on the EventStream.</summary>
public sealed class DeadLetter(object message, IActorRef sender, IActorRef recipient)
{
    public object Message { get; } = message;
    public IActorRef Sender { get; } = sender;
    public IActorRef Recipient { get; } = recipient;
    public override string ToString() => $"DeadLetter from {Sender} to {Recipient}: <{Message}>";
}

/// <summary>A message no behaviour of the recipient handled. Published on the EventStream.</summary>
public sealed class UnhandledMessage(object message, IActorRef sender, IActorRef recipient)
{
    public object Message { get; } = message;
    public IActorRef Sender { get; } = sender;
    public IActorRef Recipient { get; } = recipient;
    public override string ToString() => $"Unhandled message from {Sender} to {Recipient}: <{Message}>";
}

/// <summary>Logs at most <c>limit</c> records per interval, then one summary of how many were suppressed.</summary>
internal sealed class RateLimitedLog(int limit, TimeSpan interval)
{
    private readonly object _lock = new();
    private long _windowStart = Environment.TickCount64;
    private int _count;
    private int _suppressed;

    /// <summary>Returns whether to log this one; <paramref name="suppressedBefore"/> is set when a window just closed with suppressed records.</summary>
    public bool ShouldLog(out int suppressedBefore)
    {
        lock (_lock)
        {
            suppressedBefore = 0;
            var now = Environment.TickCount64;
            if (now - _windowStart >= (long)interval.TotalMilliseconds)
            {
                suppressedBefore = _suppressed;
                _windowStart = now;
                _count = 0;
                _suppressed = 0;
            }
            if (++_count <= limit) return true;
            _suppressed++;
            return false;
        }
    }
}
