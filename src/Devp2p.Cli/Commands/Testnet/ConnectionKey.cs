using System.Net;
using Devp2p.Actors.Server;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// One TCP connection as both of its ends name it: the dialer's endpoint and the listener's. The
/// dialing node's PeerAdded carries (local, remote), the listening node's (remote, local), so the two
/// nodes' events about the same connection meet on this key — which is how the testnet tells a
/// connection both ends admitted from one only its listener admitted (crossing dials).
/// </summary>
internal readonly record struct ConnectionKey(IPEndPoint Dialer, IPEndPoint Listener)
{
    /// <summary>The key of <paramref name="peer"/>'s connection, or null when the engine did not report its addresses.</summary>
    public static ConnectionKey? Of(PeerInfo peer) => (peer.LocalAddress, peer.RemoteAddress) switch
    {
        (null, _) or (_, null) => null,
        var (local, remote) => peer.Inbound ? new ConnectionKey(remote, local) : new ConnectionKey(local, remote),
    };
}
