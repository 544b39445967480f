using System.Buffers.Binary;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The Keccak-256 sponge as a mutable value: lanes, a partial block and its fill level.
/// Whole blocks are absorbed straight from the caller's span; only a tail shorter than a
/// block is copied. Finishing writes the permuted lanes elsewhere, so the running state can go on absorbing
/// (RLPx keeps a MAC running for the life of a connection and reads it after every frame).
/// </summary>
internal struct KeccakSponge
{
    private KeccakLanes _lanes;
    private KeccakBlock _pending;
    private int _pendingLength;

    public void Absorb(ReadOnlySpan<byte> data)
    {
        const int rate = KeccakF1600.Rate;
        Span<byte> pending = _pending;
        if (_pendingLength > 0)
        {
            int take = Math.Min(rate - _pendingLength, data.Length);
            data[..take].CopyTo(pending[_pendingLength..]);
            _pendingLength += take;
            data = data[take..];
            if (_pendingLength < rate)
                return;
            KeccakF1600.AbsorbBlocks(ref _lanes, pending);
            _pendingLength = 0;
        }

        int whole = data.Length - data.Length % rate;
        if (whole > 0)
            KeccakF1600.AbsorbBlocks(ref _lanes, data[..whole]);
        data[whole..].CopyTo(pending);
        _pendingLength = data.Length - whole;
    }

    /// <summary>Writes the digest of everything absorbed so far; the sponge itself is unchanged.</summary>
    public readonly void Digest(Span<byte> output32)
    {
        ReadOnlySpan<byte> pending = _pending;
        Finish(in _lanes, pending[.._pendingLength], output32);
    }

    public void Reset() => this = default;

    /// <summary>
    /// Pads <paramref name="tail"/> (shorter than a block) with Keccak's original multi-rate
    /// padding — 0x01 … 0x80, not SHA-3's 0x06 — absorbs it into the lanes the permutation writes
    /// elsewhere (<paramref name="lanes"/> stays as it was, no 200-byte copy) and writes the first 32 bytes.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the block is filled below exactly once; every result lane is written
    public static void Finish(in KeccakLanes lanes, ReadOnlySpan<byte> tail, Span<byte> output32)
    {
        Span<byte> last = stackalloc byte[KeccakF1600.Rate];
        tail.CopyTo(last);
        last[tail.Length..].Clear();
        last[tail.Length] ^= 0x01;
        last[KeccakF1600.Rate - 1] ^= 0x80;
        System.Runtime.CompilerServices.Unsafe.SkipInit(out KeccakLanes result);
        KeccakF1600.AbsorbBlocks(in lanes, ref result, last);

        BinaryPrimitives.WriteUInt64LittleEndian(output32, result[0]);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[8..], result[1]);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[16..], result[2]);
        BinaryPrimitives.WriteUInt64LittleEndian(output32[24..], result[3]);
    }
}
