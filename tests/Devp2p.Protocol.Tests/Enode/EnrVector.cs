using System.Text.Json;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Enode;

/// <summary>The EIP-778 example record from ../shared/vectors/enr.json, read from the file.</summary>
internal static class EnrVector
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector("enr.json"))).RootElement.Clone());

    public static string Text => String("text");

    public static byte[] Rlp => Bytes("rlp_hex");

    public static byte[] PrivateKey => Bytes("private_key");

    public static byte[] Signature => Bytes("signature");

    public static ulong Seq => Root.Value.GetProperty("seq").GetUInt64();

    public static byte[] NodeId => Bytes("node_id");

    public static byte[] PublicKey64 => Bytes("uncompressed_pubkey_64");

    public static byte[] SignedContent => Bytes("signed_content_rlp_hex");

    public static byte[] SignedHash => Bytes("signed_hash_keccak256");

    public static int SizeLimit => Root.Value.GetProperty("size_limit_bytes").GetInt32();

    /// <summary>Key → hex of the value's content bytes, as the vector lists them.</summary>
    public static IReadOnlyList<(string Key, string Hex)> Pairs =>
        [.. Root.Value.GetProperty("pairs").EnumerateObject().Select(p => (p.Name, p.Value.GetString()!))];

    public static JsonElement Decoded => Root.Value.GetProperty("pairs_decoded");

    public static byte[] Pair(string key) => Convert.FromHexString(Root.Value.GetProperty("pairs").GetProperty(key).GetString()!);

    private static string String(string name) => Root.Value.GetProperty(name).GetString()!;

    private static byte[] Bytes(string name) => Convert.FromHexString(String(name));
}
