using System.Buffers.Binary;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// AES in counter mode (big-endian 128-bit counter, as Go's <c>cipher.NewCTR</c>), keeping its
/// position across calls so one instance encrypts or decrypts a whole stream of frames.
/// The keystream is produced a chunk at a time by <see cref="AesEcb"/>
/// over consecutive counter blocks (hardware AES, no allocation after construction).
/// Not thread-safe: one per direction per connection.
/// </summary>
public sealed class AesCtr : IDisposable
{
    private const int BlockSize = 16;
    private const int ChunkBlocks = 256; // at most 4 KiB of keystream per ECB call
    private const int MinBlocks = 32;    // at least 512 bytes

    private readonly AesEcb _aes;
    private readonly byte[] _counters = new byte[ChunkBlocks * BlockSize];
    private readonly byte[] _keystream = new byte[ChunkBlocks * BlockSize];
    private UInt128 _counter;
    private int _keystreamPos;   // next unused keystream byte
    private int _keystreamLen;   // bytes of valid keystream

    /// <param name="key">16, 24 or 32 bytes (AES-128/192/256).</param>
    /// <param name="iv">16 bytes, the initial counter block; empty means all zeros (RLPx frames).</param>
    public AesCtr(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv = default)
    {
        if (!iv.IsEmpty && iv.Length != BlockSize)
            throw new ArgumentException("CTR IV must be 16 bytes", nameof(iv));
        _aes = new AesEcb(key);
        _counter = iv.IsEmpty ? UInt128.Zero : BinaryPrimitives.ReadUInt128BigEndian(iv);
    }

    /// <summary>XORs the keystream into <paramref name="data"/> in place and advances the stream.</summary>
    public void Transform(Span<byte> data) => Transform(data, data);

    /// <summary>Writes <paramref name="input"/> XOR keystream to <paramref name="output"/> (same length; may alias exactly).</summary>
    public void Transform(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length < input.Length)
            throw new ArgumentException("output shorter than input", nameof(output));
        while (!input.IsEmpty)
        {
            if (_keystreamPos == _keystreamLen)
                Refill(input.Length);
            int n = Math.Min(input.Length, _keystreamLen - _keystreamPos);
            Xor(input[..n], _keystream.AsSpan(_keystreamPos, n), output[..n]);
            _keystreamPos += n;
            input = input[n..];
            output = output[n..];
        }
    }

    private void Refill(int wanted)
    {
        // At least MinBlocks: unused keystream carries over to the next call, so small frames share one AES call.
        int blocks = Math.Clamp((wanted + BlockSize - 1) / BlockSize, MinBlocks, ChunkBlocks);
        var counters = _counters.AsSpan(0, blocks * BlockSize);
        for (int i = 0; i < blocks; i++)
        {
            BinaryPrimitives.WriteUInt128BigEndian(counters.Slice(i * BlockSize, BlockSize), _counter);
            _counter++; // wraps modulo 2^128, as Go's CTR does
        }
        _aes.Encrypt(_counters, 0, counters.Length, _keystream, 0);
        _keystreamPos = 0;
        _keystreamLen = counters.Length;
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
}
