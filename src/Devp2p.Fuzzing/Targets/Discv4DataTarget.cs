using Devp2p.Protocol.Discv4;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The RLP data of one discv4 packet type through <see cref="Discv4Codec.ReadData"/>: no hash or
/// signature in the way, so every mutation reaches the packet's own decoder.
/// </summary>
internal sealed class Discv4DataTarget(Discv4PacketType type) : FuzzTarget
{
    public override string Name => "discv4-" + type.ToString().ToLowerInvariant();

    public override string Description => $"Discv4Codec.ReadData({type}, data)";

    public override byte[] CreateValid(FuzzCaseRandom random) => Discv4Packets.Pick(type, random)[Discv4Constants.MinPacketSize..];

    public override bool Execute(byte[] input) => Discv4Codec.ReadData(type, input).Type == type;

    public override bool IsTypedError(Exception exception) => exception is Discv4PacketException;
}
