using Devp2p.Kernel.Event;

namespace Devp2p.Actors.Diagnostics;

/// <summary>
/// The names of the structured log properties the engine attaches (docs/observability.md lists them),
/// so sinks and tests filter on one spelling; and the helper that gives an actor's logger its node.
/// </summary>
public static class LogProperties
{
    /// <summary>Our node id's first 8 bytes in hex, on every record of the engine's actors (several nodes can share a process).</summary>
    public const string NodeId = "NodeId";

    /// <summary>The remote node id's first 8 bytes in hex, once the enc handshake has authenticated it.</summary>
    public const string RemoteId = "RemoteId";

    /// <summary>The remote TCP (or UDP) endpoint, ip:port.</summary>
    public const string RemoteEndPoint = "RemoteEndPoint";

    /// <summary>inbound or outbound.</summary>
    public const string Direction = "Direction";

    /// <summary>The connection's stage: enc-handshake, post-handshake, protocol-handshake, add-peer, running.</summary>
    public const string Stage = "Stage";

    /// <summary>Why: a DisconnectReason, a dial refusal, a drop reason.</summary>
    public const string Reason = "Reason";

    /// <summary>This logger with the <see cref="NodeId"/> property of the node whose key this is.</summary>
    public static ILoggingAdapter ForNode(this ILoggingAdapter log, byte[] privateKey)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.ForContext(NodeId, NodeMetrics.For(privateKey).NodeTag);
    }
}
