namespace Devp2p.Protocol.Crypto;

/// <summary>
/// Input that is well-formed as bytes but cryptographically unusable: a private key of the wrong
/// length, zero or not below the curve order, a public key off the curve or with a bad prefix, a
/// signature whose r or s is out of range, a bad recovery id, a signature that recovers to
/// nothing. Peers can send any of these, so callers that handle network data catch this one type;
/// a wrongly sized output buffer is a programming error and throws <see cref="ArgumentException"/>.
/// </summary>
public class CryptoException : Exception
{
    public CryptoException(string message) : base(message)
    {
    }

    public CryptoException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
