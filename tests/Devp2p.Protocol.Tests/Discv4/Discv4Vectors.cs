using System.Text.Json;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>Loads ../shared/vectors/discv4_eip8.json: EIP-8's discovery packets and go-ethereum's plain Ping.</summary>
internal static class Discv4Vectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(RepoPaths.Vector("discv4_eip8.json"))).RootElement.Clone());

    public static byte[] SignerPrivateKey => Hex(Root.Value.GetProperty("signer_private_key").GetString()!);

    public static byte[] SignerPublicKey => Hex(Root.Value.GetProperty("signer_public_key_64").GetString()!);

    public static byte[] SignerNodeId => Hex(Root.Value.GetProperty("signer_node_id").GetString()!);

    public static IEnumerable<JsonElement> Packets => Root.Value.GetProperty("packets").EnumerateArray();

    public static TheoryData<string> Names => new(Packets.Select(p => p.GetProperty("name").GetString()!));

    public static JsonElement Packet(string name) => Packets.Single(p => p.GetProperty("name").GetString() == name);

    public static byte[] PacketBytes(string name) => Hex(Packet(name).GetProperty("hex").GetString()!);

    public static IEnumerable<byte[]> AllPacketBytes => Packets.Select(p => Hex(p.GetProperty("hex").GetString()!));

    /// <summary>True when the vector says current go-ethereum accepts the packet.</summary>
    public static bool GethAccepts(JsonElement packet) =>
        !packet.GetProperty("geth_behaviour").GetString()!.StartsWith("REJECTED", StringComparison.Ordinal);

    public static byte[] Hex(string hex) => Convert.FromHexString(hex);
}
