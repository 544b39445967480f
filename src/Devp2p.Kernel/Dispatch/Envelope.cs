namespace Devp2p.Kernel.Dispatch;

/// <summary>A user message and its sender, stored by value in the mailbox queue (no allocation per message).</summary>
public readonly struct Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;
    public IActorRef? Sender { get; } = sender;
    public override string ToString() => $"<{Message}> from {Sender?.ToString() ?? "NoSender"}";
}
