namespace Devp2p.Protocol.Discv4;

/// <summary>What <see cref="KademliaTable.AddSeen"/> or <see cref="KademliaTable.AddVerified"/> did.</summary>
public enum TableAddResult
{
    /// <summary>Inserted into its bucket (back for seen, front for verified).</summary>
    Added,

    /// <summary>Already in the bucket; for a verified node it moved to the front (and took the new endpoint).</summary>
    Updated,

    /// <summary>Already in the bucket; a seen node changes nothing.</summary>
    AlreadyPresent,

    /// <summary>The bucket is full: kept (or refreshed) as a replacement candidate.</summary>
    AddedAsReplacement,

    /// <summary>Its /24 is at the per-bucket (2) or per-table (10) limit: not added.</summary>
    IpLimitExceeded,

    /// <summary>The local node itself: never added.</summary>
    Self,

    /// <summary>The endpoint has no usable IP (not 4 or 16 bytes): not added.</summary>
    InvalidEndpoint,
}

/// <summary>The two revalidation queues (go-ethereum's fast and slow lists, simplified: see docs/discv4.md).</summary>
public enum RevalidationQueue
{
    /// <summary>Entries never proven alive (new, or promoted replacements): check them soon.</summary>
    Unproven,

    /// <summary>Entries that have answered at least one liveness check: re-check the stalest one every ~10 s.</summary>
    Proven,
}

/// <summary>What <see cref="KademliaTable.OnRevalidated"/> or <see cref="KademliaTable.Remove"/> did.</summary>
public enum RevalidationOutcome
{
    /// <summary>The node answered: its liveness count went up and it moved to the front of its bucket.</summary>
    Alive,

    /// <summary>The node missed the check but keeps its place (its liveness count is reduced).</summary>
    Demoted,

    /// <summary>The node was removed; <see cref="RevalidationResult.Promoted"/> names the replacement that took its place, if any.</summary>
    Removed,

    /// <summary>The node is not a bucket entry (already removed): nothing changed.</summary>
    NotInTable,
}

/// <summary>The outcome of a liveness check or removal, and the replacement promoted in its wake.</summary>
public readonly record struct RevalidationResult(RevalidationOutcome Outcome, Discv4Node? Promoted = null);
