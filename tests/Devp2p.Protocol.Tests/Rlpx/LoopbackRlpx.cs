using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// Two RLPx connections over a real loopback TCP pair (no Nagle), each side's stream optionally wrapped
/// (tampering, trickling, counting), with a handshake deadline stretched by DEVP2P_TEST_TIMEFACTOR.
/// </summary>
internal static class LoopbackRlpx
{
    public static readonly byte[] DialerKey = Secp256k1.GeneratePrivateKey();
    public static readonly byte[] ListenerKey = Secp256k1.GeneratePrivateKey();

    public static async Task<(RlpxConnection Dialer, RlpxConnection Listener)> ConnectAsync(
        Func<Stream, Stream>? wrapDialer = null, Func<Stream, Stream>? wrapListener = null, TimeSpan? handshakeTimeout = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient { NoDelay = true };
        var connect = client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await listener.AcceptTcpClientAsync();
        await connect;
        server.NoDelay = true;
        Stream dialerStream = client.GetStream(), listenerStream = server.GetStream();
        var options = new RlpxConnectionOptions { HandshakeTimeout = handshakeTimeout ?? TestTime.Budget(5) };
        var accept = RlpxConnection.AcceptAsync(wrapListener?.Invoke(listenerStream) ?? listenerStream, ListenerKey, options);
        var dial = RlpxConnection.InitiateAsync(wrapDialer?.Invoke(dialerStream) ?? dialerStream, DialerKey,
            Secp256k1.Default.CreatePublicKey(ListenerKey), options);
        return (await dial, await accept);
    }
}
