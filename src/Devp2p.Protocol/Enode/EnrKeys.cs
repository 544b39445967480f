namespace Devp2p.Protocol.Enode;

/// <summary>
/// The pre-defined keys of EIP-778. The decoder checks the shape of their values (so the typed
/// accessors on <see cref="Enr"/> never throw); every other key is kept as opaque RLP.
/// </summary>
public static class EnrKeys
{
    /// <summary>Identity scheme name, e.g. "v4".</summary>
    public const string Id = "id";

    /// <summary>33-byte compressed secp256k1 public key.</summary>
    public const string Secp256k1 = "secp256k1";

    /// <summary>4-byte IPv4 address.</summary>
    public const string Ip = "ip";

    /// <summary>TCP port, a big-endian integer (canonical, at most 2 bytes).</summary>
    public const string Tcp = "tcp";

    /// <summary>UDP port, a big-endian integer.</summary>
    public const string Udp = "udp";

    /// <summary>16-byte IPv6 address.</summary>
    public const string Ip6 = "ip6";

    /// <summary>IPv6-specific TCP port; when absent the "tcp" port applies to "ip6" too.</summary>
    public const string Tcp6 = "tcp6";

    /// <summary>IPv6-specific UDP port; when absent the "udp" port applies to "ip6" too.</summary>
    public const string Udp6 = "udp6";

    /// <summary>The only identity scheme defined so far: secp256k1 keys, keccak256 content hash.</summary>
    public const string SchemeV4 = "v4";
}
