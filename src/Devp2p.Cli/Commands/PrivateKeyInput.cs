using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands;

/// <summary>
/// Reads a secp256k1 private key given on the command line or in a file (64 hex digits,
/// surrounding whitespace ignored, the format <c>key generate</c> writes), failing with one
/// line that says what is wrong. Shared by every command that takes a node key.
/// </summary>
internal static class PrivateKeyInput
{
    public static byte[] FromHex(string text, string source)
    {
        var hex = text.Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            throw new CliException($"{source}: private key must be 64 hex digits without a 0x prefix");
        if (hex.Length != Secp256k1.PrivateKeyLength * 2)
            throw new CliException($"{source}: private key must be {Secp256k1.PrivateKeyLength * 2} hex digits, got {hex.Length} characters");
        foreach (char c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                throw new CliException($"{source}: private key must be hex digits only, found '{c}'");
        }
        var key = Convert.FromHexString(hex);
        if (!Secp256k1.Default.IsValidPrivateKey(key))
            throw new CliException($"{source}: not a valid secp256k1 private key (zero, or not below the group order)");
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
            throw new CliException($"cannot read key file {path}: {e.Message}");
        }
        return FromHex(text, $"key file {path}");
    }

    public static string ToHex(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(key);
}
