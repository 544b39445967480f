using System.Net;
using System.Net.Sockets;

namespace Devp2p.Actors.Dialer;

/// <summary>
/// Opens the TCP connection of one dial. An interface so tests hand the dialer a fake that succeeds,
/// fails or hangs on command; the dialer enforces the dial timeout itself by cancelling the token.
/// </summary>
public interface ITcpConnector
{
    /// <summary>A connected stream the caller owns; throws (or cancels) when the connection fails.</summary>
    Task<Stream> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken);
}

/// <summary>The production connector: a TCP socket with Nagle off (devp2p frames are small and latency-bound).</summary>
public sealed class TcpConnector : ITcpConnector
{
    public static TcpConnector Instance { get; } = new();

    public async Task<Stream> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
