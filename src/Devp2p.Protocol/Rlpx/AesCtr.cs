using System.Buffers.Binary;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// AES in counter mode (big-endian 128-bit counter, as Go's <c>cipher.NewCTR</c>), keeping its
/// position across calls so one instance encrypts or decrypts a whole stream of frames.
/// Whole blocks go straight through <see cref="AesBlockCipher.CtrXorBlocks"/>: our AES-NI loop
/// where the CPU has it (no native call, so a 16-byte frame header costs ~20 ns instead of a
/// ~250 ns OpenSSL round trip, and 3× faster than the platform's chunked ECB path at 64 KiB in the
/// 2026-12-05 interleaved run, see docs/benchmarks.md), else the platform AES. Only the unused rest
/// of a partly consumed block (at most 15 bytes) is kept for the next call. Not thread-safe: one
/// per direction per connection.
/// </summary>
public sealed class AesCtr : IDisposable
{
    private const int BlockSize = AesBlockCipher.BlockSize;

    private readonly AesBlockCipher _aes;
    private UInt128 _counter;
    private Block _keystream;    // the last, partly used keystream block
    private int _keystreamPos = BlockSize; // next unused byte of _keystream; BlockSize = none left

    /// <param name="key">16, 24 or 32 bytes (AES-128/192/256).</param>
    /// <param name="iv">16 bytes, the initial counter block; empty means all zeros (RLPx frames).</param>
    public AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv = default)
        : this(key, iv, allowHardware: true)
    {
    }

    /// <param name="key">16, 24 or 32 bytes.</param>
    /// <param name="iv">16 bytes or empty (zeros).</param>
    /// <param name="allowHardware">false forces the platform AES fallback (tests and benchmarks compare the two).</param>
    internal AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, bool allowHardware)
    {
        if (!iv.IsEmpty && iv.Length != BlockSize)
            throw new ArgumentException("CTR IV must be 16 bytes", nameof(iv));
        _aes = AesBlockCipher.Create(key, allowHardware);
        _counter = iv.IsEmpty ? UInt128.Zero : BinaryPrimitives.ReadUInt128BigEndian(iv);
    }

    /// <summary>XORs the keystream into <paramref name="data"/> in place and advances the stream.</summary>
    public void Transform(Span<byte> data) => Transform(data, data);

    /// <summary>Writes <paramref name="input"/> XOR keystream to <paramref name="output"/> (same length; may alias exactly).</summary>
    public void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException("output shorter than input", nameof(output));
        Span<byte> keystream = _keystream;
        if (_keystreamPos < BlockSize)
        {
            int n = Math.Min(input.Length, BlockSize - _keystreamPos);
            Xor(input[..n], keystream.Slice(_keystreamPos, n), output[..n]);
            _keystreamPos += n;
            input = input[n..];
            output = output[n..];
        }
        int whole = input.Length & ~(BlockSize - 1);
        if (whole > 0)
            _aes.CtrXorBlocks(ref _counter, input[..whole], output[..whole]);
        int tail = input.Length - whole;
        if (tail > 0)
        {
            keystream.Clear();
            _aes.CtrXorBlocks(ref _counter, keystream, keystream);
            Xor(input[whole..], keystream[..tail], output[whole..]);
            _keystreamPos = tail;
        }
    }

    internal static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> output)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int width = System.Numerics.Vector<byte>.Count;
            for (; i + width <= a.Length; i += width)
            {
                var va = new System.Numerics.Vector<byte>(a[i..]);
                var vb = new System.Numerics.Vector<byte>(b[i..]);
                (va ^ vb).CopyTo(output[i..]);
            }
        }
        for (; i < a.Length; i++)
            output[i] = (byte)(a[i] ^ b[i]);
    }

    public void Dispose() => _aes.Dispose();

    [System.Runtime.CompilerServices.InlineArray(BlockSize)]
    private struct Block
    {
        private byte _byte0;
    }
}
