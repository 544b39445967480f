using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols;

/// <summary>
/// A sub-protocol this node runs: announced in Hello as <c>Name/Version</c>, owning
/// <see cref="Length"/> message codes, and served per peer by the actor <see cref="CreateProps"/>
/// makes. The factory is called once per peer that shares the capability, after the addPeer
/// checkpoint; the actor it makes should derive from <see cref="ProtocolActor"/>.
/// </summary>
public sealed record ProtocolRegistration
{
    public ProtocolRegistration(string name, uint version, int length, Func<ProtocolContext, Props> createProps)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentNullException.ThrowIfNull(createProps);
        if (name.Length > 8 || name == "p2p")
            throw new ArgumentException($"capability name '{name}' must be 1-8 characters and not 'p2p'", nameof(name));
        Name = name;
        Version = version;
        Length = length;
        CreateProps = createProps;
    }

    public string Name { get; }

    public uint Version { get; }

    /// <summary>Message codes used, 0 .. Length-1 in the protocol's own numbering.</summary>
    public int Length { get; }

    public Func<ProtocolContext, Props> CreateProps { get; }

    /// <summary>What Hello announces.</summary>
    public Capability Capability => new(Name, Version);

    public override string ToString() => $"{Name}/{Version} (length {Length})";
}
