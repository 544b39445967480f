namespace Devp2p.Protocol.Eth;

/// <summary>
/// Validates a remote fork id against the local chain, with the EIP-2124 rules extended to
/// time-based forks as geth's <c>forkid.newFilter</c> does:
/// <list type="number">
/// <item>Same checksum as our current state: accept, unless the remote's next fork is one we have
/// already passed (1a, reject).</item>
/// <item>The checksum of one of our earlier states: the remote is syncing; accept only if its next
/// fork is the one that followed that state, else it is stale.</item>
/// <item>The checksum of one of our future states: we are syncing; accept.</item>
/// <item>Anything else: incompatible.</item>
/// </list>
/// The checksums of every state are computed once; <see cref="Validate"/> allocates nothing.
/// </summary>
public sealed class ForkFilter
{
    /// <summary>
    /// geth's <c>timestampThreshold</c> (mainnet launch, 2015-07-30): a remote "next" above it is taken as
    /// a timestamp, so rule 1a compares it with the head time even while we still walk block forks.
    /// </summary>
    public const ulong TimestampThreshold = 1438269973;

    private readonly ulong[] _forks;      // block forks, time forks, then a ulong.MaxValue sentry
    private readonly uint[] _sums;        // _sums[i]: checksum after the first i forks; _sums[0] is the genesis
    private readonly int _blockForkCount; // forks below this index compare with the head number

    public ForkFilter(ReadOnlySpan<byte> genesisHash, ForkSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var forks = schedule.All.ToList();
        _sums = new uint[forks.Count + 1];
        _sums[0] = Crc32Ieee.Compute(genesisHash);
        for (int i = 0; i < forks.Count; i++)
            _sums[i + 1] = ForkId.ChecksumUpdate(_sums[i], forks[i]);
        forks.Add(ulong.MaxValue); // never passed: the loop below always finds an unpassed fork
        _forks = [.. forks];
        // With no time forks the sentry belongs to the block forks, so it is compared with the head number.
        _blockForkCount = schedule.TimeForks.Count == 0 ? schedule.BlockForks.Count + 1 : schedule.BlockForks.Count;
    }

    /// <summary>Checks <paramref name="remote"/> against a local head at block <paramref name="headNumber"/> with timestamp <paramref name="headTime"/>.</summary>
    public ForkIdValidation Validate(ForkId remote, ulong headNumber, ulong headTime)
    {
        for (int i = 0; i < _forks.Length; i++)
        {
            ulong head = i < _blockForkCount ? headNumber : headTime;
            if (head >= _forks[i])
                continue;
            // _forks[i] is the first fork we have not passed: _sums[i] is our current state.
            if (_sums[i] == remote.Hash)
            {
                bool passedRemoteNext = remote.Next > 0
                    && (head >= remote.Next || (remote.Next > TimestampThreshold && headTime >= remote.Next));
                return passedRemoteNext ? ForkIdValidation.LocalIncompatibleOrStale : ForkIdValidation.Accepted;
            }
            for (int j = 0; j < i; j++)
            {
                if (_sums[j] == remote.Hash)
                    return _forks[j] == remote.Next ? ForkIdValidation.Accepted : ForkIdValidation.RemoteStale;
            }
            for (int j = i + 1; j < _sums.Length; j++)
            {
                if (_sums[j] == remote.Hash)
                    return ForkIdValidation.Accepted;
            }
            return ForkIdValidation.LocalIncompatibleOrStale;
        }
        return ForkIdValidation.Accepted; // unreachable: the sentry is never passed (geth accepts here too)
    }
}
