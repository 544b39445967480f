using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Discovery.Transport;

/// <summary>
/// <see cref="IUdpTransport"/> over a real UDP socket. One receive loop task; datagrams larger
/// than <see cref="Discv4Constants.MaxReceivedPacketSize"/> arrive truncated to one byte more
/// than that, so the codec drops them as too large instead of parsing a cut packet.
/// </summary>
public sealed class SocketUdpTransport : IUdpTransport
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private int _started;

    public SocketUdpTransport(IPEndPoint bindTo)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (OperatingSystem.IsWindows())
        {
            // Without this an ICMP port-unreachable from one dead peer fails the next receive.
            const int SioUdpConnReset = -1744830452;
            _socket.IOControl(SioUdpConnReset, [0, 0, 0, 0], null);
        }
        _socket.Bind(bindTo);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start(Action<IPEndPoint, byte[]> onReceive)
    {
        ArgumentNullException.ThrowIfNull(onReceive);
        if (Interlocked.Exchange(ref _started, 1) == 1)
            throw new InvalidOperationException("the transport is already started");
        _ = Task.Run(() => ReceiveLoopAsync(onReceive));
    }

    public void Send(IPEndPoint destination, byte[] datagram)
    {
        try
        {
            _socket.SendTo(datagram, SocketFlags.None, destination);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Lossy by nature: an unreachable destination is a missing reply, handled by timeouts.
        }
    }

    private async Task ReceiveLoopAsync(Action<IPEndPoint, byte[]> onReceive)
    {
        var buffer = new byte[Discv4Constants.MaxReceivedPacketSize + 1];
        EndPoint any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize)
            {
                onReceive((IPEndPoint)any, new byte[buffer.Length]);
                continue;
            }
            catch (SocketException)
            {
                continue;
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            onReceive((IPEndPoint)result.RemoteEndPoint, buffer.AsSpan(0, result.ReceivedBytes).ToArray());
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }
}
