using System.Net;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// The decoded values of the well-known keys, filled once by <see cref="EnrDecoder"/> so the
/// typed accessors of <see cref="Enr"/> are plain field reads; null where the key is absent.
/// </summary>
internal sealed class EnrKnownValues
{
    public ReadOnlyMemory<byte>? IdentityScheme;
    public ReadOnlyMemory<byte>? Secp256k1;
    public NodeId? PublicKey;
    public IPAddress? Ip;
    public IPAddress? Ip6;
    public int? Tcp;
    public int? Udp;
    public int? Tcp6;
    public int? Udp6;
}
