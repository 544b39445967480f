namespace Devp2p.Protocol.Eth;

/// <summary>
/// The fork points that count for EIP-2124, gathered as geth's <c>forkid.gatherForks</c> does: block
/// forks and time forks each sorted and de-duplicated (forks sharing a block or timestamp are one
/// checksum step), block forks at block 0 and time forks at or before the genesis time dropped
/// (they are the genesis rule set, already covered by the genesis hash). Block forks always come
/// before time forks.
/// </summary>
public sealed class ForkSchedule
{
    public ForkSchedule(IEnumerable<Fork> forks, ulong genesisTime)
    {
        ArgumentNullException.ThrowIfNull(forks);
        Forks = forks.ToArray();
        BlockForks = Gather(Forks, ForkActivation.Block, 0);
        TimeForks = Gather(Forks, ForkActivation.Timestamp, genesisTime);
    }

    /// <summary>Every fork as given, named, including those that do not count.</summary>
    public IReadOnlyList<Fork> Forks { get; }

    /// <summary>Block numbers that count, ascending, distinct, none 0.</summary>
    public IReadOnlyList<ulong> BlockForks { get; }

    /// <summary>Timestamps that count, ascending, distinct, all after the genesis time.</summary>
    public IReadOnlyList<ulong> TimeForks { get; }

    /// <summary>Block forks then time forks: the order checksums are built in.</summary>
    public IEnumerable<ulong> All => BlockForks.Concat(TimeForks);

    private static ulong[] Gather(IReadOnlyList<Fork> forks, ForkActivation kind, ulong atOrBefore) =>
        forks.Where(f => f.Activation == kind)
             .Select(f => f.At)
             .Where(at => kind == ForkActivation.Block ? at != 0 : at > atOrBefore)
             .Distinct()
             .Order()
             .ToArray();
}
