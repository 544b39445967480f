using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Discovery.Transport;

/// <summary>
/// <see cref="IUdpTransport"/> over a real UDP socket. One receive thread; datagrams larger
/// than <see cref="Discv4Constants.MaxReceivedPacketSize"/> arrive truncated to one byte more
/// than that, so the codec drops them as too large instead of parsing a cut packet.
/// </summary>
public sealed class SocketUdpTransport : IUdpTransport
{
    private readonly Socket _socket;
    private volatile bool _stopped;
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
        _socket.ReceiveTimeout = 500; // the receive thread looks at the stop flag at least this often
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start(Action<IPEndPoint, byte[]> onReceive)
    {
        ArgumentNullException.ThrowIfNull(onReceive);
        if (Interlocked.Exchange(ref _started, 1) == 1)
            throw new InvalidOperationException("the transport is already started");
        new Thread(() => ReceiveLoop(onReceive))
        {
            IsBackground = true,
            Name = $"discv4 receive {LocalEndPoint}",
        }.Start();
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

    /// <summary>
    /// A thread of its own, blocked in the receive call: the kernel wakes it when a datagram arrives,
    /// with no epoll hop and no thread-pool work item per datagram, and the callback (which decodes
    /// the packet, signature recovery included) runs here, beside the actor. Ends when the socket is disposed.
    /// </summary>
    private void ReceiveLoop(Action<IPEndPoint, byte[]> onReceive)
    {
        var buffer = new byte[Discv4Constants.MaxReceivedPacketSize + 1];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopped)
        {
            EndPoint from = any;
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.MessageSize)
            {
                Deliver(onReceive, (IPEndPoint)from, new byte[buffer.Length]);
                continue;
            }
            catch (SocketException) when (!_stopped)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            Deliver(onReceive, (IPEndPoint)from, buffer.AsSpan(0, received).ToArray());
        }
    }

    private static void Deliver(Action<IPEndPoint, byte[]> onReceive, IPEndPoint from, byte[] datagram)
    {
        try
        {
            onReceive(from, datagram);
        }
        catch (Exception)
        {
            // An exception on this thread would end the process; the datagram is lost, as UDP may lose it.
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _socket.Dispose(); // wakes the receive thread (or its receive timeout does); it sees the stop and returns
    }
}
