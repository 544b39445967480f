using System.Diagnostics.CodeAnalysis;

namespace Devp2p.Protocol.Crypto;

/// <summary>
/// A node key as text: 64 hex digits without a <c>0x</c> prefix, surrounding whitespace ignored —
/// geth's <c>nodekey</c> file format. One parser, so the command line, the host builder and the data
/// directory accept the same keys and say the same precise thing about one they refuse.
/// </summary>
public static class PrivateKeyHex
{
    /// <summary>The number of hex digits in a key.</summary>
    public const int Digits = Secp256k1.PrivateKeyLength * 2;

    /// <summary>
    /// Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong in words
    /// a caller can put after the key's source ("private key must be 64 hex digits, got 2 characters").
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out byte[]? key, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        key = null;
        var hex = text.AsSpan().Trim();
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"private key must be {Digits} hex digits without a 0x prefix";
            return false;
        }
        if (hex.Length != Digits)
        {
            problem = $"private key must be {Digits} hex digits, got {hex.Length} characters";
            return false;
        }
        foreach (char c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                problem = $"private key must be hex digits only, found '{c}'";
                return false;
            }
        }
        var bytes = Convert.FromHexString(hex);
        if (!Secp256k1.Default.IsValidPrivateKey(bytes))
        {
            problem = "not a valid secp256k1 private key (zero, or not below the group order)";
            return false;
        }
        key = bytes;
        problem = null;
        return true;
    }

    /// <summary>The key as 64 lower-case hex digits, the form <see cref="TryParse"/> reads back.</summary>
    public static string Format(ReadOnlySpan<byte> key)
    {
        if (key.Length != Secp256k1.PrivateKeyLength)
            throw new ArgumentException($"a private key is {Secp256k1.PrivateKeyLength} bytes, got {key.Length}", nameof(key));
        return Convert.ToHexStringLower(key);
    }
}
