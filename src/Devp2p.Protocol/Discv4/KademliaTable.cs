using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// The discovery table as pure state (go-ethereum's p2p/discover table.go): 17 buckets by
/// log distance from the local node, 16 entries and 10 replacements each, /24 limits per
/// bucket and table. It owns no timers, sockets or clock: the discovery actor calls it with
/// what happened and the current time, and asks it what to check next.
/// </summary>
/// <remarks>
/// <para>Adding. <see cref="AddSeen"/> is for nodes heard of (Neighbors replies, the node
/// database, bootnodes): appended at the back, nothing changes if present.
/// <see cref="AddVerified"/> is for nodes heard from (a Ping, a Pong): inserted or moved to the
/// front, endpoint updated. A node whose bucket is full becomes a replacement.</para>
/// <para>Liveness. <see cref="StartRevalidation"/> picks the stalest entry of a
/// <see cref="RevalidationQueue"/>; <see cref="OnRevalidated"/> reports the answer. A missed
/// check divides the entry's liveness count by 3; at 0 the entry is removed and the newest
/// replacement promoted.</para>
/// <para>IP limits: ≤ 2 nodes of one /24 per bucket and ≤ 10 in the table, replacements
/// included; loopback and LAN addresses are exempt, so local networks work.</para>
/// <para>Not thread-safe: one owner (the DiscoveryActor).</para>
/// </remarks>
public sealed partial class KademliaTable
{
    private readonly KBucket[] _buckets;
    private readonly SubnetCounter _tableIps = new(KademliaConstants.IpLimitSubnet, KademliaConstants.TableIpLimit);
    private readonly Random _random;
    private readonly bool _ipLimits;

    /// <param name="self">The local node's key: it is never added and distances are measured from it.</param>
    /// <param name="random">Source for <see cref="RandomNodes"/> (pass a seeded one for reproducible tests).</param>
    /// <param name="ipLimits">False turns the /24 limits off (go-ethereum's <c>NoIPLimits</c>-like test setting).</param>
    public KademliaTable(NodeId self, Random? random = null, bool ipLimits = true)
    {
        Self = self ?? throw new ArgumentNullException(nameof(self));
        _random = random ?? Random.Shared;
        _ipLimits = ipLimits;
        _buckets = new KBucket[KademliaConstants.BucketCount];
        for (int i = 0; i < _buckets.Length; i++)
            _buckets[i] = new KBucket();
    }

    /// <summary>The local node.</summary>
    public NodeId Self { get; }

    /// <summary>Bucket entries in the table (replacements not counted).</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (var bucket in _buckets)
                count += bucket.Entries.Count;
            return count;
        }
    }

    /// <summary>The bucket a node belongs in: 0 for log distance ≤ 240, then distance − 240.</summary>
    public int BucketIndexOf(NodeId id) => KademliaConstants.BucketIndex(NodeDistance.LogDistance(Self.Hash, id.Hash));

    /// <summary>Entries of bucket <paramref name="index"/>, most recently verified first.</summary>
    public IReadOnlyList<TableEntry> BucketEntries(int index) => _buckets[index].Entries.AsReadOnly();

    /// <summary>Replacements of bucket <paramref name="index"/>, most recent first.</summary>
    public IReadOnlyList<TableEntry> BucketReplacements(int index) => _buckets[index].Replacements.AsReadOnly();

    /// <summary>Every bucket entry, bucket by bucket.</summary>
    public IEnumerable<TableEntry> Entries => _buckets.SelectMany(b => b.Entries);

    /// <summary>The bucket entry for <paramref name="id"/>, or null (replacements are not returned).</summary>
    public TableEntry? Get(NodeId id)
    {
        var bucket = BucketFor(id);
        int index = bucket.IndexOfEntry(id);
        return index < 0 ? null : bucket.Entries[index];
    }

    /// <summary>True when <paramref name="id"/> is a bucket entry.</summary>
    public bool Contains(NodeId id) => Get(id) is not null;

    /// <summary>True when <paramref name="id"/> waits in its bucket's replacement list.</summary>
    public bool IsReplacement(NodeId id) => BucketFor(id).IndexOfReplacement(id) >= 0;

    /// <summary>
    /// A node heard of (go-ethereum's <c>addSeenNode</c>/<c>addFoundNode</c>): appended to the back
    /// of its bucket if there is room, else kept as a replacement. A node already present is left
    /// as it is. Check relayed nodes with <see cref="RelayIpCheck"/> first.
    /// </summary>
    public TableAddResult AddSeen(Discv4Node node, DateTime now) => Add(node, now, verified: false);

    /// <summary>
    /// A node heard from directly — it pinged us, or answered our Ping (go-ethereum's
    /// <c>addVerifiedNode</c>/<c>addInboundNode</c>): inserted at, or moved to, the front of its
    /// bucket with this endpoint; kept as a replacement if the bucket is full.
    /// </summary>
    public TableAddResult AddVerified(Discv4Node node, DateTime now) => Add(node, now, verified: true);

    /// <summary>
    /// The entry of <paramref name="queue"/> checked least recently (ties: nearest bucket first),
    /// or null when the queue is empty. Its <see cref="TableEntry.LastCheckedAt"/> becomes
    /// <paramref name="now"/>, so the next call picks another entry while this one's Ping is out.
    /// </summary>
    public TableEntry? StartRevalidation(RevalidationQueue queue, DateTime now)
    {
        TableEntry? oldest = null;
        foreach (var bucket in _buckets)
        {
            foreach (var entry in bucket.Entries)
            {
                if (entry.IsProven != (queue == RevalidationQueue.Proven))
                    continue;
                if (oldest is null || entry.LastCheckedAt < oldest.LastCheckedAt)
                    oldest = entry;
            }
        }
        if (oldest is not null)
            oldest.LastCheckedAt = now;
        return oldest;
    }

    /// <summary>
    /// Reports a liveness check of <paramref name="id"/>: answered → its count goes up and it
    /// moves to the front; missed → the count is divided by 3, and at 0 the entry is removed and
    /// the newest replacement promoted (to the back, unproven).
    /// </summary>
    public RevalidationResult OnRevalidated(NodeId id, bool responded, DateTime now)
    {
        var bucket = BucketFor(id);
        int index = bucket.IndexOfEntry(id);
        if (index < 0)
            return new RevalidationResult(RevalidationOutcome.NotInTable);
        var entry = bucket.Entries[index];
        entry.LastCheckedAt = now;
        if (responded)
        {
            entry.LivenessChecks++;
            entry.LastSeenAt = now;
            KBucket.MoveToFront(bucket.Entries, index);
            return new RevalidationResult(RevalidationOutcome.Alive);
        }
        entry.LivenessChecks /= 3;
        if (entry.LivenessChecks > 0)
            return new RevalidationResult(RevalidationOutcome.Demoted);
        return new RevalidationResult(RevalidationOutcome.Removed, RemoveAndPromote(bucket, index));
    }

    /// <summary>
    /// Removes <paramref name="id"/> from its bucket (e.g. after repeated FindNode failures) and
    /// promotes the newest replacement, or drops it from the replacement list.
    /// </summary>
    public RevalidationResult Remove(NodeId id)
    {
        var bucket = BucketFor(id);
        int index = bucket.IndexOfEntry(id);
        if (index >= 0)
            return new RevalidationResult(RevalidationOutcome.Removed, RemoveAndPromote(bucket, index));
        RemoveReplacement(bucket, id);
        return new RevalidationResult(RevalidationOutcome.NotInTable);
    }

    private TableAddResult Add(Discv4Node node, DateTime now, bool verified)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Id.Equals(Self))
            return TableAddResult.Self;
        if (node.Address is null)
            return TableAddResult.InvalidEndpoint;
        var bucket = BucketFor(node.Id);
        int index = bucket.IndexOfEntry(node.Id);
        if (index >= 0)
        {
            if (!verified)
                return TableAddResult.AlreadyPresent;
            var existing = bucket.Entries[index];
            if (!TryMoveIp(bucket, existing, node))
                return TableAddResult.IpLimitExceeded;
            existing.LastSeenAt = now;
            KBucket.MoveToFront(bucket.Entries, index);
            return TableAddResult.Updated;
        }
        if (bucket.IsFull)
            return AddReplacement(bucket, node, now, verified);

        RemoveReplacement(bucket, node.Id);
        if (!TryAddIp(bucket, node.Endpoint.IpBytes))
            return TableAddResult.IpLimitExceeded;
        var entry = new TableEntry(node, now) { LastSeenAt = verified ? now : null };
        if (verified)
            bucket.Entries.Insert(0, entry);
        else
            bucket.Entries.Add(entry);
        return TableAddResult.Added;
    }

    private TableAddResult AddReplacement(KBucket bucket, Discv4Node node, DateTime now, bool verified)
    {
        int index = bucket.IndexOfReplacement(node.Id);
        if (index >= 0)
        {
            var existing = bucket.Replacements[index];
            if (verified)
                existing.LastSeenAt = now;
            if (TryMoveIp(bucket, existing, node))
                KBucket.MoveToFront(bucket.Replacements, index);
            return TableAddResult.AddedAsReplacement;
        }
        if (!TryAddIp(bucket, node.Endpoint.IpBytes))
            return TableAddResult.IpLimitExceeded;
        bucket.Replacements.Insert(0, new TableEntry(node, now) { LastSeenAt = verified ? now : null });
        if (bucket.Replacements.Count > KademliaConstants.MaxReplacements)
        {
            var dropped = bucket.Replacements[^1];
            bucket.Replacements.RemoveAt(bucket.Replacements.Count - 1);
            RemoveIp(bucket, dropped.Node.Endpoint.IpBytes);
        }
        return TableAddResult.AddedAsReplacement;
    }

    private Discv4Node? RemoveAndPromote(KBucket bucket, int index)
    {
        var removed = bucket.Entries[index];
        bucket.Entries.RemoveAt(index);
        RemoveIp(bucket, removed.Node.Endpoint.IpBytes);
        if (bucket.Replacements.Count == 0)
            return null;
        // The newest replacement is the likeliest to be alive; its IP is already counted.
        var promoted = bucket.Replacements[0];
        bucket.Replacements.RemoveAt(0);
        promoted.LivenessChecks = 0;
        bucket.Entries.Add(promoted);
        return promoted.Node;
    }

    private void RemoveReplacement(KBucket bucket, NodeId id)
    {
        int index = bucket.IndexOfReplacement(id);
        if (index < 0)
            return;
        RemoveIp(bucket, bucket.Replacements[index].Node.Endpoint.IpBytes);
        bucket.Replacements.RemoveAt(index);
    }

    /// <summary>Gives <paramref name="entry"/> the endpoint of <paramref name="node"/>, moving its IP count; false (no change) if the new IP is over a limit.</summary>
    private bool TryMoveIp(KBucket bucket, TableEntry entry, Discv4Node node)
    {
        var oldIp = entry.Node.Endpoint.IpBytes;
        var newIp = node.Endpoint.IpBytes;
        if (!oldIp.SequenceEqual(newIp))
        {
            RemoveIp(bucket, oldIp);
            if (!TryAddIp(bucket, newIp))
            {
                TryAddIp(bucket, oldIp);
                return false;
            }
        }
        entry.Node = node;
        return true;
    }

    private bool TryAddIp(KBucket bucket, ReadOnlySpan<byte> ip)
    {
        if (!_ipLimits || IpNetworks.IsLan(ip))
            return true;
        if (!_tableIps.TryAdd(ip))
            return false;
        if (bucket.Ips.TryAdd(ip))
            return true;
        _tableIps.Remove(ip);
        return false;
    }

    private void RemoveIp(KBucket bucket, ReadOnlySpan<byte> ip)
    {
        if (!_ipLimits || IpNetworks.IsLan(ip))
            return;
        _tableIps.Remove(ip);
        bucket.Ips.Remove(ip);
    }

    private KBucket BucketFor(NodeId id) => _buckets[BucketIndexOf(id)];
}
