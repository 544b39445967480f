namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// Row caps that keep the node database bounded whatever the network sends: past a cap the
/// oldest rows are evicted to make room (nodes by last seen, proof rows by their newest ping or pong),
/// so fresh knowledge always fits and the file never grows without limit.
/// </summary>
public sealed record NodeDatabaseLimits
{
    /// <summary>The defaults: 100 000 nodes and 200 000 (id, ip) proof rows, a few tens of MiB on disk.</summary>
    public static NodeDatabaseLimits Default { get; } = new();

    /// <summary>Most nodes kept; inserting a new node beyond this evicts the least recently seen one (with its proof rows).</summary>
    public int MaxNodes { get; init; } = 100_000;

    /// <summary>Most (id, ip) proof rows kept; a new row beyond this evicts the one with the oldest ping or pong.</summary>
    public int MaxProofs { get; init; } = 200_000;

    internal void Validate()
    {
        if (MaxNodes < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNodes), MaxNodes, "at least one node must fit");
        if (MaxProofs < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxProofs), MaxProofs, "at least one proof row must fit");
    }
}
