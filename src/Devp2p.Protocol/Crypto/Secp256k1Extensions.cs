namespace Devp2p.Protocol.Crypto;

/// <summary>Array-returning forms of the <see cref="ISecp256k1"/> span operations, for code off the hot path.</summary>
public static class Secp256k1Extensions
{
    public static byte[] CreatePublicKey(this ISecp256k1 secp, ReadOnlySpan<byte> privateKey, PublicKeyFormat format = PublicKeyFormat.Raw64)
    {
        var output = new byte[(int)format];
        secp.CreatePublicKey(privateKey, output);
        return output;
    }

    public static byte[] ConvertPublicKey(this ISecp256k1 secp, ReadOnlySpan<byte> publicKey, PublicKeyFormat format)
    {
        var output = new byte[(int)format];
        secp.ConvertPublicKey(publicKey, output);
        return output;
    }

    public static byte[] Ecdh(this ISecp256k1 secp, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var output = new byte[Secp256k1.SharedSecretLength];
        secp.Ecdh(privateKey, publicKey, output);
        return output;
    }

    public static byte[] Sign(this ISecp256k1 secp, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> hash)
    {
        var output = new byte[Secp256k1.SignatureLength];
        secp.Sign(privateKey, hash, output);
        return output;
    }

    public static byte[] RecoverPublicKey(this ISecp256k1 secp, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> hash, PublicKeyFormat format = PublicKeyFormat.Raw64)
    {
        var output = new byte[(int)format];
        secp.RecoverPublicKey(signature, hash, output);
        return output;
    }
}
