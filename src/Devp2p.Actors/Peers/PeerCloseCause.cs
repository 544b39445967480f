using System.Net.Sockets;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

/// <summary>
/// Why a connection ends and whether we tell the remote. Pure, so the mapping from failures to
/// disconnect reasons is tested without sockets.
/// </summary>
internal sealed record PeerCloseCause(DisconnectReason Reason, bool RemoteRequested, string? Detail)
{
    /// <summary>
    /// Whether our Disconnect is worth writing: not when the remote asked (it is closing anyway) and not
    /// for a network error (the socket is broken or stuck), as geth's transport close.
    /// </summary>
    public bool ShouldSendDisconnect => !RemoteRequested && Reason != DisconnectReason.NetworkError;

    public static PeerCloseCause Local(DisconnectReason reason, string? detail = null) => new(reason, false, detail);

    public static PeerCloseCause Remote(DisconnectReason reason) => new(reason, true, "remote sent Disconnect: " + reason.Describe());

    /// <summary>
    /// Maps an I/O-task failure: corrupt or oversized frames and undecodable messages are the remote's
    /// breach of protocol; a closed, truncated or failing socket is a network error; a failed Hello check
    /// carries its own reason.
    /// </summary>
    public static PeerCloseCause FromException(Exception e, string stage)
    {
        var reason = e switch
        {
            P2pHandshakeException h => h.Reason,
            RlpxException { Error: RlpxError.Truncated } => DisconnectReason.NetworkError,
            RlpxException => DisconnectReason.ProtocolError,
            RlpException => DisconnectReason.ProtocolError,
            EndOfStreamException or IOException or SocketException or ObjectDisposedException => DisconnectReason.NetworkError,
            OperationCanceledException => DisconnectReason.NetworkError,
            _ => DisconnectReason.NetworkError,
        };
        return new PeerCloseCause(reason, false, $"{stage}: {e.GetType().Name}: {e.Message}");
    }
}
