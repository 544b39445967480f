using System.Security.Cryptography;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Raw AES block encryption (ECB, no padding) that keeps one cipher context for its lifetime.
/// <c>Aes.EncryptEcb</c> sets up a fresh native context on every call (microseconds and an
/// allocation each); the frame MAC encrypts one block per header and per frame, so the context
/// is created once here and reused through <see cref="ICryptoTransform.TransformBlock"/>.
/// </summary>
internal sealed class AesEcb : IDisposable
{
    private readonly Aes _aes;
    private readonly ICryptoTransform _encryptor;

    public AesEcb(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _encryptor = _aes.CreateEncryptor();
    }

    /// <summary>Encrypts <paramref name="count"/> bytes (a multiple of 16) of <paramref name="input"/> into <paramref name="output"/>.</summary>
    public void Encrypt(byte[] input, int inputOffset, int count, byte[] output, int outputOffset) =>
        _encryptor.TransformBlock(input, inputOffset, count, output, outputOffset);

    public void Dispose()
    {
        _encryptor.Dispose();
        _aes.Dispose();
    }
}
