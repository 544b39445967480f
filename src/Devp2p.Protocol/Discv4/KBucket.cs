using Devp2p.Protocol.Enode;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// One bucket of the <see cref="KademliaTable"/>: up to 16 entries, most recently verified
/// first, and up to 10 replacements, most recent first. Its subnet counter covers both lists.
/// </summary>
internal sealed class KBucket
{
    public List<TableEntry> Entries { get; } = new(KademliaConstants.BucketSize);

    public List<TableEntry> Replacements { get; } = new(KademliaConstants.MaxReplacements);

    public SubnetCounter Ips { get; } = new(KademliaConstants.IpLimitSubnet, KademliaConstants.BucketIpLimit);

    public bool IsFull => Entries.Count >= KademliaConstants.BucketSize;

    public int IndexOfEntry(NodeId id) => IndexOf(Entries, id);

    public int IndexOfReplacement(NodeId id) => IndexOf(Replacements, id);

    /// <summary>Moves the entry at <paramref name="index"/> to the front of its list.</summary>
    public static void MoveToFront(List<TableEntry> list, int index)
    {
        if (index == 0)
            return;
        var entry = list[index];
        list.RemoveAt(index);
        list.Insert(0, entry);
    }

    private static int IndexOf(List<TableEntry> list, NodeId id)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Node.Id.Equals(id))
                return i;
        }
        return -1;
    }
}
