using System.Numerics;
using Devp2p.Protocol.Eth;

namespace Devp2p.Actors.Protocols.Eth;

/// <summary>
/// The local chain head the eth handshake announces and validates against: its hash goes in
/// Status, its number and timestamp pick our fork id and drive the fork id filter, and its total
/// difficulty is sent as Status.td (geth sends 0 since the merge).
/// </summary>
public sealed record EthHead
{
    private readonly byte[] _hash;

    public EthHead(ReadOnlySpan<byte> hash, ulong number, ulong time, BigInteger totalDifficulty)
    {
        if (hash.Length != StatusMessage.HashLength)
            throw new ArgumentException($"head hash must be {StatusMessage.HashLength} bytes", nameof(hash));
        ArgumentOutOfRangeException.ThrowIfNegative(totalDifficulty);
        _hash = hash.ToArray();
        Number = number;
        Time = time;
        TotalDifficulty = totalDifficulty;
    }

    public ReadOnlyMemory<byte> Hash => _hash;

    public ulong Number { get; }

    /// <summary>The head block's timestamp (Unix seconds): time-based forks compare with it, not with the wall clock.</summary>
    public ulong Time { get; }

    public BigInteger TotalDifficulty { get; }

    /// <summary>A node that has only the genesis block of <paramref name="chain"/>.</summary>
    public static EthHead Genesis(ChainSpec chain, BigInteger totalDifficulty)
    {
        ArgumentNullException.ThrowIfNull(chain);
        return new EthHead(chain.GenesisHash, 0, chain.GenesisTime, totalDifficulty);
    }

    public bool Equals(EthHead? other) =>
        other is not null && _hash.AsSpan().SequenceEqual(other._hash) && Number == other.Number && Time == other.Time
        && TotalDifficulty == other.TotalDifficulty;

    public override int GetHashCode() => HashCode.Combine(Number, Time, TotalDifficulty);

    public override string ToString() => $"#{Number} 0x{Convert.ToHexStringLower(_hash)} (time {Time}, td {TotalDifficulty})";
}
