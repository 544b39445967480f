namespace Devp2p.Protocol.P2p;

/// <summary>
/// A capability this node runs, as the matcher needs it: name, version and how many message codes it owns.
/// </summary>
public readonly record struct LocalCapability(string Name, uint Version, int Length)
{
    public Capability Capability => new(Name, Version);
}

/// <summary>
/// Which sub-protocols a connection runs and at which message-id offsets (go-ethereum's
/// <c>matchProtocols</c>): for each name both sides announce, the highest version both share;
/// the matches sorted by name (ordinal); offsets from 0x10 (after the base protocol), each
/// capability's range following the previous one's. Both peers compute the same table from the
/// same two Hellos, which is why the order and the arithmetic must be exactly geth's.
/// </summary>
public static class CapabilityMatcher
{
    /// <summary>
    /// Matches our capabilities against the remote's. Duplicates on either side are harmless; a remote
    /// version we do not run is ignored. Local entries with a non-positive length are rejected.
    /// </summary>
    public static IReadOnlyList<MatchedCapability> Match(IReadOnlyList<LocalCapability> local, IReadOnlyList<Capability> remote)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        var best = new Dictionary<string, LocalCapability>(StringComparer.Ordinal);
        foreach (var theirs in remote)
        {
            foreach (var ours in local)
            {
                if (ours.Length <= 0)
                    throw new ArgumentException($"capability {ours.Name}/{ours.Version} has length {ours.Length}", nameof(local));
                if (!string.Equals(ours.Name, theirs.Name, StringComparison.Ordinal) || ours.Version != theirs.Version)
                    continue;
                if (!best.TryGetValue(ours.Name, out var current) || ours.Version > current.Version)
                    best[ours.Name] = ours;
                break;
            }
        }
        var names = best.Keys.ToList();
        names.Sort(StringComparer.Ordinal);
        var result = new List<MatchedCapability>(names.Count);
        ulong offset = P2pMessageCodes.BaseProtocolLength;
        foreach (var name in names)
        {
            var cap = best[name];
            result.Add(new MatchedCapability(cap.Name, cap.Version, offset, cap.Length));
            offset += (ulong)cap.Length;
        }
        return result;
    }
}
