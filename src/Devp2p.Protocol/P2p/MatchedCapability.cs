namespace Devp2p.Protocol.P2p;

/// <summary>
/// A capability both sides announced, at the highest version they share, with the message-id
/// range it owns on this connection: codes <c>Offset .. Offset + Length - 1</c>. Offsets start
/// right after the base protocol (0x10) and follow the capabilities sorted by name.
/// </summary>
public sealed record MatchedCapability(string Name, uint Version, ulong Offset, int Length)
{
    /// <summary>The name/version pair.</summary>
    public Capability Capability => new(Name, Version);

    /// <summary>True when <paramref name="code"/> falls in this capability's range.</summary>
    public bool Owns(ulong code) => code >= Offset && code < Offset + (ulong)Length;

    public override string ToString() => $"{Name}/{Version}@0x{Offset:x2}+{Length}";
}
