using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.P2p;

/// <summary>
/// The p2p Hello (code 0x00), the first message each side sends after the RLPx handshake:
/// RLP <c>[protocolVersion, clientId, [[cap, version], ...], listenPort, nodeId(64), ...]</c>.
/// Decoding is forward compatible: extra elements (in the Hello and in each capability) are
/// ignored and any protocol version is accepted. Always sent uncompressed.
/// </summary>
public sealed class Hello
{
    public const int NodeIdLength = 64;

    public Hello(uint protocolVersion, string clientId, IReadOnlyList<Capability> capabilities, ulong listenPort, byte[] nodeId)
    {
        if (nodeId is not { Length: NodeIdLength })
            throw new ArgumentException($"node id must be {NodeIdLength} bytes", nameof(nodeId));
        ProtocolVersion = protocolVersion;
        ClientId = clientId ?? throw new ArgumentNullException(nameof(clientId));
        Capabilities = capabilities ?? throw new ArgumentNullException(nameof(capabilities));
        ListenPort = listenPort;
        NodeId = nodeId;
    }

    public uint ProtocolVersion { get; }

    public string ClientId { get; }

    public IReadOnlyList<Capability> Capabilities { get; }

    /// <summary>The TCP port the peer listens on (0 if none); geth ignores it.</summary>
    public ulong ListenPort { get; }

    /// <summary>The sender's public key, 64 bytes; must equal the key of the RLPx handshake.</summary>
    public byte[] NodeId { get; }

    /// <summary>True when this side wants snappy after the Hello (p2p version ≥ 5); both sides must.</summary>
    public bool SupportsSnappy => ProtocolVersion >= P2pMessageCodes.SnappyVersion;

    public byte[] Encode()
    {
        int caps = 0;
        foreach (var cap in Capabilities)
            caps += cap.EncodedLength;
        int content = RlpCodec.LengthOfUInt64(ProtocolVersion) + RlpCodec.LengthOfUtf8(ClientId) + RlpCodec.LengthOfList(caps)
            + RlpCodec.LengthOfUInt64(ListenPort) + RlpCodec.LengthOfBytes(NodeId);
        var output = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(output);
        writer.WriteListHeader(content);
        writer.WriteUInt64(ProtocolVersion);
        writer.WriteUtf8(ClientId);
        writer.WriteListHeader(caps);
        foreach (var cap in Capabilities)
            cap.Write(ref writer);
        writer.WriteUInt64(ListenPort);
        writer.WriteBytes(NodeId);
        return output;
    }

    /// <summary>Decodes a Hello payload; malformed input is <see cref="RlpException"/>.</summary>
    public static Hello Decode(ReadOnlySpan<byte> payload)
    {
        var outer = new RlpReader(payload);
        var list = outer.EnterList();
        outer.EnsureEnd();
        uint version = list.ReadUInt32();
        string clientId = list.ReadUtf8();
        var capsReader = list.EnterList();
        var caps = new List<Capability>();
        while (capsReader.HasMore)
            caps.Add(Capability.Read(ref capsReader));
        ulong port = list.ReadUInt64();
        var id = list.ReadFixedBytes(NodeIdLength).ToArray();
        return new Hello(version, clientId, caps, port, id);
    }

    public override string ToString() =>
        $"Hello(v{ProtocolVersion}, \"{ClientId}\", [{string.Join(", ", Capabilities)}], port {ListenPort}, id {Convert.ToHexStringLower(NodeId)[..16]}…)";
}
