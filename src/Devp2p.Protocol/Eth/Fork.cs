namespace Devp2p.Protocol.Eth;

/// <summary>How a fork is scheduled: by block number (before the merge) or by block timestamp (after).</summary>
public enum ForkActivation
{
    Block,
    Timestamp,
}

/// <summary>
/// One named rule change of a chain and where it activates (a block number or a Unix timestamp).
/// Names are for people (docs, logs); only the numbers go into the fork id.
/// </summary>
public sealed record Fork(string Name, ForkActivation Activation, ulong At)
{
    public static Fork AtBlock(string name, ulong number) => new(name, ForkActivation.Block, number);

    public static Fork AtTime(string name, ulong timestamp) => new(name, ForkActivation.Timestamp, timestamp);

    public override string ToString() => Activation == ForkActivation.Block ? $"{Name}@block {At}" : $"{Name}@time {At}";
}
