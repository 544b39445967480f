using Devp2p.Protocol.Crypto;

namespace Devp2p.Hosting;

/// <summary>
/// Reads a node key given as 64 hex digits, directly or in a file (the format <c>devp2p key generate</c>
/// writes), failing with one message that says what is wrong and where the key came from.
/// </summary>
internal static class NodeKey
{
    public static byte[] FromHex(string text, string source)
    {
        var hex = text.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            hex = hex[2..];
        if (hex.Length != Secp256k1.PrivateKeyLength * 2 || !hex.All(char.IsAsciiHexDigit))
            throw new FormatException($"{source}: a node key is {Secp256k1.PrivateKeyLength * 2} hex digits");
        var key = Convert.FromHexString(hex);
        if (!Secp256k1.Default.IsValidPrivateKey(key))
            throw new FormatException($"{source}: not a valid secp256k1 private key (zero, or not below the group order)");
        return key;
    }

    public static byte[] FromFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot read node key file {path}: {e.Message}", e);
        }
        return FromHex(text, $"node key file {path}");
    }
}
