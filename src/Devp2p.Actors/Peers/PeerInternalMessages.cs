using Devp2p.Kernel;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

// What the PeerActor's own tasks and timers tell it. Internal: nothing outside the actor sends these.

/// <summary>The enc handshake finished; the actor now owns <see cref="Connection"/>.</summary>
internal sealed record EncHandshakeDone(RlpxConnection Connection) : IDeadLetterSuppression;

/// <summary>The enc handshake failed (I/O error, bad auth/ack, cancelled by the deadline).</summary>
internal sealed record EncHandshakeFailed(Exception Cause) : IDeadLetterSuppression;

/// <summary>The Hello exchange finished: their Hello, or their Disconnect.</summary>
internal sealed record HelloDone(HelloExchangeResult Result) : IDeadLetterSuppression;

/// <summary>The Hello exchange failed.</summary>
internal sealed record HelloFailed(Exception Cause) : IDeadLetterSuppression;

/// <summary>One frame from the read loop. <see cref="Payload"/> is a private copy, decompressed.</summary>
internal sealed record FrameReceived(ulong Code, byte[] Payload) : IDeadLetterSuppression;

/// <summary>Frames that arrived together (already buffered when read), in order: one mailbox hand-off for the lot.</summary>
internal sealed record FrameBatch(FrameReceived[] Frames) : IDeadLetterSuppression;

/// <summary>The read loop ended with this error.</summary>
internal sealed record ReadFailed(Exception Cause) : IDeadLetterSuppression;

/// <summary>The write loop ended with this error.</summary>
internal sealed record WriteFailed(Exception Cause) : IDeadLetterSuppression;

/// <summary>A protocol actor's <see cref="ProtocolOutlet"/> found the write queue full: the remote does not read fast enough.</summary>
internal sealed record WriteQueueFull : IDeadLetterSuppression
{
    public static WriteQueueFull Instance { get; } = new();
}

/// <summary>Our Disconnect was written (or could not be); the actor may close the socket now.</summary>
internal sealed record DisconnectFlushed : IDeadLetterSuppression
{
    public static DisconnectFlushed Instance { get; } = new();
}

/// <summary>
/// Asks a running PeerActor whether its writer is between frames (the answer is a bool). For specs
/// that drive the actor's clock virtually: a real write still completing when the clock jumps would
/// look to the write watchdog like a write that took the whole jump.
/// </summary>
internal sealed record WriterIdleQuery
{
    public static WriterIdleQuery Instance { get; } = new();
}

/// <summary>Keys and messages of the PeerActor's timers.</summary>
internal static class PeerTimers
{
    public static readonly object EncHandshake = "enc-handshake";
    public static readonly object Hello = "hello";
    public static readonly object Ping = "ping";
    public static readonly object ReadDeadline = "read-deadline";
    public static readonly object WriteWatchdog = "write-watchdog";
    public static readonly object Grace = "disconnect-grace";

    /// <summary>The enc handshake or Hello deadline passed.</summary>
    public sealed record StageTimeout(string Stage);

    public sealed record PingTick
    {
        public static PingTick Instance { get; } = new();
    }

    public sealed record ReadDeadlineCheck
    {
        public static ReadDeadlineCheck Instance { get; } = new();
    }

    public sealed record WriteWatchdogCheck
    {
        public static WriteWatchdogCheck Instance { get; } = new();
    }

    public sealed record GraceExpired
    {
        public static GraceExpired Instance { get; } = new();
    }
}
