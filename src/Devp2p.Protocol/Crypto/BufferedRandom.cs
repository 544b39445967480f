using System.Security.Cryptography;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The operating system's CSPRNG, drawn a block at a time per thread. One RLPx handshake side
/// needs six small random values (ephemeral keys, nonce, IV, padding); asking OpenSSL for each
/// costs a call through its locking and fork check (a <c>getpid</c> system call) every time, about
/// 13 per handshake. Here a thread refills a 512-byte block once every few handshakes and hands out
/// slices, zeroing each slice as it leaves so no handed-out secret stays behind in the block.
/// Requests larger than a quarter of the block go straight to <see cref="RandomNumberGenerator"/>.
/// </summary>
internal static class BufferedRandom
{
    private const int BlockSize = 512;

    [ThreadStatic]
    private static byte[]? _block;

    /// <summary>Unused bytes at the end of this thread's block (those before them were handed out and zeroed).</summary>
    [ThreadStatic]
    private static int _available;

    /// <summary>Fills <paramref name="data"/> with cryptographically secure random bytes.</summary>
    public static void Fill(Span<byte> data)
    {
        if (data.Length > BlockSize / 4)
        {
            RandomNumberGenerator.Fill(data);
            return;
        }
        var block = _block ??= new byte[BlockSize];
        if (_available < data.Length)
        {
            RandomNumberGenerator.Fill(block);
            _available = BlockSize;
        }
        var slice = block.AsSpan(BlockSize - _available, data.Length);
        slice.CopyTo(data);
        slice.Clear();
        _available -= data.Length;
    }

    /// <summary>
    /// This source as a <see cref="RandomNumberGenerator"/>, for APIs that take one
    /// (<see cref="Secp256k1.GeneratePrivateKey(Span{byte}, RandomNumberGenerator?)"/>).
    /// </summary>
    public static RandomNumberGenerator Generator { get; } = new BufferedGenerator();

    private sealed class BufferedGenerator : RandomNumberGenerator
    {
        public override void GetBytes(byte[] data) => Fill(data);

        public override void GetBytes(byte[] data, int offset, int count) => Fill(data.AsSpan(offset, count));

        public override void GetBytes(Span<byte> data) => Fill(data);
    }

    /// <summary>A uniformly random integer in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>) (rejection sampling, no modulo bias).</summary>
    public static int NextInt32(int fromInclusive, int toExclusive)
    {
        if (toExclusive <= fromInclusive)
            throw new ArgumentOutOfRangeException(nameof(toExclusive), "the range is empty");
        uint range = (uint)(toExclusive - fromInclusive);
        uint limit = uint.MaxValue - uint.MaxValue % range; // values at or above it would bias the modulo
        Span<byte> four = stackalloc byte[4];
        uint value;
        do
        {
            Fill(four);
            value = BitConverter.ToUInt32(four);
        }
        while (value >= limit);
        return fromInclusive + (int)(value % range);
    }
}
