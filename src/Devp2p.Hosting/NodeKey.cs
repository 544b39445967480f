using Devp2p.Protocol.Crypto;

namespace Devp2p.Hosting;

/// <summary>
/// Reads a node key given as 64 hex digits, directly or in a file (the format <c>devp2p key generate</c>
/// writes), failing with one message that says what is wrong and where the key came from.
/// </summary>
internal static class NodeKey
{
    public static byte[] FromHex(string text, string source) =>
        PrivateKeyHex.TryParse(text, out var key, out var problem) ? key : throw new FormatException($"{source}: {problem}");

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
