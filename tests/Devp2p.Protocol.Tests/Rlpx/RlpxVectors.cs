using System.Text.Json;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>Reads ../shared/vectors/rlpx_eip8.json by JSON path; hex comes from the file, never retyped.</summary>
internal static class RlpxVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector("rlpx_eip8.json"))).RootElement);

    /// <summary>The element at a '/'-separated path, e.g. "keys/static_key_A".</summary>
    public static JsonElement Get(string path)
    {
        var e = Root.Value;
        foreach (var part in path.Split('/'))
            e = int.TryParse(part, out int i) ? e[i] : e.GetProperty(part);
        return e;
    }

    public static byte[] Hex(string path) => FromHex(Get(path).GetString()!);

    public static byte[] FromHex(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);

    public static byte[] Key(string name) => Hex("keys/" + name);

    public static byte[] Message(string name) => Hex($"messages/{name}/hex");

    public static JsonElement Decoded(string name) => Get($"messages/{name}/decoded");
}
