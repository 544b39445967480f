using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands;

/// <summary>
/// Reads a secp256k1 private key given on the command line or in a file (64 hex digits,
/// surrounding whitespace ignored, the format <c>key generate</c> writes), failing with one
/// line that says what is wrong. Shared by every command that takes a node key.
/// </summary>
internal static class PrivateKeyInput
{
    public static byte[] FromHex(string text, string source) =>
        PrivateKeyHex.TryParse(text, out var key, out var problem) ? key : throw new CliException($"{source}: {problem}");

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

    public static string ToHex(ReadOnlySpan<byte> key) => PrivateKeyHex.Format(key);
}
