using System.Runtime.CompilerServices;
using Devp2p.Actors.Protocols;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

/// <summary>
/// Builds the Hello this node sends, as geth's <c>setupLocalNode</c>: p2p version 5, the client id,
/// the registered capabilities sorted by name and version, listen port 0 (geth never fills it in and
/// ignores the remote's) and the node id derived from the node key. The Hello and the capability list
/// depend only on the settings, so each is built once per settings instance (<see cref="For"/>) rather
/// than per connection: deriving the node id is a secp256k1 operation the handshake does not need.
/// </summary>
internal static class OurHello
{
    private static readonly ConditionalWeakTable<ServerSettings, Cached> BySettings = new();

    /// <summary>This node's Hello and local capabilities for <paramref name="settings"/>, built on first use.</summary>
    public static (Hello Hello, IReadOnlyList<LocalCapability> Capabilities) For(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cached = BySettings.GetValue(settings, static s => new Cached(Create(s), LocalCapabilities(s.Protocols)));
        return (cached.Hello, cached.Capabilities);
    }

    public static Hello Create(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var caps = settings.Protocols.Select(p => p.Capability).Distinct().ToList();
        caps.Sort();
        var id = Secp256k1.Default.CreatePublicKey(settings.PrivateKey);
        return new Hello(P2pMessageCodes.P2pVersion, settings.ClientId, caps, 0, id);
    }

    /// <summary>Our registrations in the form the matcher takes.</summary>
    public static IReadOnlyList<LocalCapability> LocalCapabilities(IReadOnlyList<ProtocolRegistration> protocols) =>
        protocols.Select(p => new LocalCapability(p.Name, p.Version, p.Length)).ToArray();

    private sealed record Cached(Hello Hello, IReadOnlyList<LocalCapability> Capabilities);
}
