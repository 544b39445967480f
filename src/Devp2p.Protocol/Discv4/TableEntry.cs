namespace Devp2p.Protocol.Discv4;

/// <summary>
/// A node in the <see cref="KademliaTable"/> (a bucket entry or a replacement) with the
/// liveness bookkeeping the table keeps for it. Times are the ones passed to the table's
/// methods; the table never reads a clock. Read-only outside the table.
/// </summary>
public sealed class TableEntry
{
    internal TableEntry(Discv4Node node, DateTime now)
    {
        Node = node;
        AddedAt = now;
        LastCheckedAt = now;
    }

    /// <summary>The node, with the newest endpoint the table accepted.</summary>
    public Discv4Node Node { get; internal set; }

    /// <summary>When the node entered the table (or the replacement list).</summary>
    public DateTime AddedAt { get; internal set; }

    /// <summary>When we last heard from the node directly (an accepted Ping or Pong), if ever.</summary>
    public DateTime? LastSeenAt { get; internal set; }

    /// <summary>When a liveness check was last started or answered; orders the revalidation queues.</summary>
    public DateTime LastCheckedAt { get; internal set; }

    /// <summary>
    /// Liveness checks answered, reduced to a third (integer division) on each missed one, as go-ethereum
    /// does: a long-lived node survives a lost packet, a new one does not. Zero means "not proven".
    /// </summary>
    public int LivenessChecks { get; internal set; }

    /// <summary>True once the node has answered a liveness check (and not since lost that standing).</summary>
    public bool IsProven => LivenessChecks > 0;

    public override string ToString() => $"{Node} checks={LivenessChecks}";
}
