using System.Buffers.Binary;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Raw AES block encryption for the RLPx cipher and frame MAC. <see cref="Create"/> picks the
/// AES-NI implementation when the CPU has it (no native context, no copies, eight blocks in
/// flight for counter mode) and otherwise the platform's <c>System.Security.Cryptography.Aes</c>
/// in ECB mode. Both give identical output; tests pin that.
/// </summary>
internal abstract class AesBlockCipher : IDisposable
{
    public const int BlockSize = 16;

    /// <summary>An encryptor for a 16-, 24- or 32-byte key; <paramref name="allowHardware"/> false forces the platform fallback.</summary>
    public static AesBlockCipher Create(ReadOnlySpan<byte> key, bool allowHardware = true) =>
        allowHardware && AesNiBlockCipher.Supports(key.Length) ? new AesNiBlockCipher(key) : new PlatformAesBlockCipher(key);

    /// <summary>Encrypts one 16-byte block.</summary>
    public abstract void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output);

    /// <summary>
    /// Counter mode over whole blocks: <paramref name="output"/> = <paramref name="input"/> XOR
    /// AES(counter), AES(counter+1), …, with a big-endian 128-bit counter that wraps like Go's
    /// <c>cipher.NewCTR</c>. <paramref name="input"/> length is a multiple of 16; the buffers may alias exactly.
    /// </summary>
    public abstract void CtrXorBlocks(ref UInt128 counter, ReadOnlySpan<byte> input, Span<byte> output);

    public virtual void Dispose()
    {
    }

    /// <summary>Writes the big-endian counter block and advances the counter.</summary>
    protected static void WriteCounter(ref UInt128 counter, Span<byte> block)
    {
        BinaryPrimitives.WriteUInt128BigEndian(block, counter);
        counter++;
    }
}
