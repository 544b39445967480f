namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// The fallback <see cref="AesBlockCipher"/> for CPUs without AES-NI: the platform's AES (OpenSSL,
/// CNG) through one long-lived ECB <see cref="System.Security.Cryptography.ICryptoTransform"/>, with
/// counter blocks encrypted a chunk at a time. Its scratch arrays are allocated on first use.
/// </summary>
internal sealed class PlatformAesBlockCipher(ReadOnlySpan<byte> key) : AesBlockCipher
{
    private const int ChunkBytes = 1024;

    private readonly AesEcb _ecb = new(key);
    private byte[]? _in;
    private byte[]? _out;

    public override void EncryptBlock(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var (i, o) = Scratch();
        input[..BlockSize].CopyTo(i);
        _ecb.Encrypt(i, 0, BlockSize, o, 0);
        o.AsSpan(0, BlockSize).CopyTo(output);
    }

    public override void CtrXorBlocks(ref UInt128 counter, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var (counters, keystream) = Scratch();
        while (!input.IsEmpty)
        {
            int n = Math.Min(input.Length, ChunkBytes);
            for (int offset = 0; offset < n; offset += BlockSize)
                WriteCounter(ref counter, counters.AsSpan(offset, BlockSize));
            _ecb.Encrypt(counters, 0, n, keystream, 0);
            AesCtr.Xor(input[..n], keystream.AsSpan(0, n), output[..n]);
            input = input[n..];
            output = output[n..];
        }
    }

    private (byte[] In, byte[] Out) Scratch() => (_in ??= new byte[ChunkBytes], _out ??= new byte[ChunkBytes]);

    public override void Dispose() => _ecb.Dispose();
}
