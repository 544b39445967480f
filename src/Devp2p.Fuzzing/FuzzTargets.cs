using Devp2p.Fuzzing.Targets;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Fuzzing;

/// <summary>Every fuzz target, in the order a full pass runs them.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new RlpTarget(),
        new EnodeUrlTarget(),
        new EnrTextTarget(),
        new EnrRlpTarget(),
        new AuthMessageTarget(legacy: false),
        new AuthMessageTarget(legacy: true),
        new AckMessageTarget(legacy: false),
        new AckMessageTarget(legacy: true),
        new AuthPacketTarget(),
        new AckPacketTarget(),
        new FrameTarget(),
        new FrameContentTarget(),
        new SnappyTarget(),
        new HelloTarget(),
        new DisconnectTarget(),
        .. Enum.GetValues<Discv4PacketType>().Select(t => new Discv4DataTarget(t)),
        new Discv4DatagramTarget(),
        new StatusTarget(),
    ];

    /// <summary>The target called <paramref name="name"/> (case-insensitive), or null.</summary>
    public static FuzzTarget? Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
