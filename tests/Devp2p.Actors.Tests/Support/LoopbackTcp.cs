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

    public static async Task<LoopbackTcp> ConnectAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { NoDelay = true };
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
