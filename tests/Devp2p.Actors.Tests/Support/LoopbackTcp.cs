using System.Net;
using System.Net.Sockets;

namespace Devp2p.Actors.Tests.Support;

/// <summary>A connected pair of TCP streams over 127.0.0.1 (Nagle off), for a PeerActor and a scripted remote.</summary>
public sealed class LoopbackTcp : IDisposable
{
    private readonly TcpClient _a;
    private readonly TcpClient _b;

    private LoopbackTcp(TcpClient a, TcpClient b)
    {
        _a = a;
        _b = b;
    }

    /// <summary>The dialing side's stream.</summary>
    public NetworkStream A => _a.GetStream();

    /// <summary>The accepting side's stream.</summary>
    public NetworkStream B => _b.GetStream();

    public IPEndPoint AEndPoint => (IPEndPoint)_a.Client.LocalEndPoint!;

    public IPEndPoint BEndPoint => (IPEndPoint)_b.Client.LocalEndPoint!;

    /// <param name="bufferSize">
    /// When set, both sockets' kernel send and receive buffers (fixed before connecting, which also turns
    /// off autotuning): a side that stops reading then stalls the writer after a few frames.
    /// </param>
    public static async Task<LoopbackTcp> ConnectAsync(int? bufferSize = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        var client = new TcpClient { NoDelay = true };
        if (bufferSize is { } size)
        {
            listener.Server.ReceiveBufferSize = size;
            listener.Server.SendBufferSize = size;
            client.ReceiveBufferSize = size;
            client.SendBufferSize = size;
        }
        listener.Start();
        var connect = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await listener.AcceptTcpClientAsync();
        await connect;
        server.NoDelay = true;
        return new LoopbackTcp(client, server);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }
}
