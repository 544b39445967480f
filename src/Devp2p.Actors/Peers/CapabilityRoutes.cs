using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

/// <summary>
/// The message-id table of one connection: wire code ↔ (capability, local code). Pure, built once
/// from the matched capabilities, so routing a frame is a short scan with no allocation.
/// </summary>
internal sealed class CapabilityRoutes
{
    private readonly MatchedCapability[] _caps;

    public CapabilityRoutes(IReadOnlyList<MatchedCapability> matched)
    {
        ArgumentNullException.ThrowIfNull(matched);
        _caps = [.. matched];
    }

    public IReadOnlyList<MatchedCapability> Capabilities => _caps;

    /// <summary>Finds the capability owning <paramref name="wireCode"/>; false for base-protocol codes and codes beyond every range.</summary>
    public bool TryRoute(ulong wireCode, out MatchedCapability capability, out ulong localCode)
    {
        foreach (var cap in _caps)
        {
            if (cap.Owns(wireCode))
            {
                capability = cap;
                localCode = wireCode - cap.Offset;
                return true;
            }
        }
        capability = null!;
        localCode = 0;
        return false;
    }

    /// <summary>The capability named <paramref name="name"/>, or null.</summary>
    public MatchedCapability? Find(string name)
    {
        foreach (var cap in _caps)
        {
            if (string.Equals(cap.Name, name, StringComparison.Ordinal))
                return cap;
        }
        return null;
    }

    /// <summary>The wire code of <paramref name="localCode"/> in <paramref name="capability"/>; false when out of its range.</summary>
    public static bool TryToWire(MatchedCapability capability, ulong localCode, out ulong wireCode)
    {
        wireCode = capability.Offset + localCode;
        return localCode < (ulong)capability.Length;
    }
}
