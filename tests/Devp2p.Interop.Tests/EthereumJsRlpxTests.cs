using System.Net;
using System.Net.Sockets;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Interop.Tests;

/// <summary>
/// RLPx handshake and Hello exchange with @ethereumjs/devp2p 10.0.0, both directions, plus the
/// quirks INTEROP.md lists (bare, uncompressed Disconnect after a v5 Hello; snappy Ping/Pong).
/// </summary>
[Trait("Category", "Interop")]
public class EthereumJsRlpxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly byte[] _key = Secp256k1.GeneratePrivateKey();

    private Hello OurHello(params Capability[] caps) =>
        new(P2pMessageCodes.P2pVersion, "devp2p-actors/interop-test", caps, 0, Secp256k1.Default.CreatePublicKey(_key));

    private static Hello AssertEthereumJsHello(HelloExchangeResult result, byte[] expectedId)
    {
        Assert.Null(result.Disconnect);
        var hello = Assert.IsType<Hello>(result.Remote);
        Assert.Equal(5u, hello.ProtocolVersion);
        Assert.StartsWith("ethereumjs-devp2p/", hello.ClientId);
        Assert.Contains(new Capability("eth", 68), hello.Capabilities);
        Assert.Equal(expectedId, hello.NodeId);
        return hello;
    }

    private async Task AssertItAddedUs(EthereumJsPeer peer)
    {
        var added = await peer.WaitForAsync("peer:added", Timeout);
        var hello = added.GetProperty("hello");
        Assert.Equal(Convert.ToHexStringLower(Secp256k1.Default.CreatePublicKey(_key)), hello.GetProperty("id").GetString());
        Assert.Equal("devp2p-actors/interop-test", hello.GetProperty("clientId").GetString());
        Assert.Equal(5, hello.GetProperty("protocolVersion").GetInt32());
        Assert.Contains("eth/68", hello.GetProperty("caps").EnumerateArray().Select(c => c.GetString()));
    }

    private static async Task<RlpxConnection> DialAsync(EthereumJsPeer peer, byte[] key)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, peer.Port);
        return await RlpxConnection.InitiateAsync(client.GetStream(), key, peer.Id);
    }

    [InteropFact]
    public async Task We_dial_it_handshake_hello_and_snappy_ping_pong()
    {
        await using var peer = await EthereumJsPeer.StartAsync();
        await using var conn = await DialAsync(peer, _key);
        Assert.Equal(peer.Id, conn.RemotePublicKey);

        using var cts = new CancellationTokenSource(Timeout);
        var result = await HelloExchange.RunAsync(conn, OurHello(new Capability("eth", 68)), cts.Token);
        AssertEthereumJsHello(result, peer.Id);
        Assert.True(conn.Session.SnappyEnabled);
        await AssertItAddedUs(peer);

        // Snappy-compressed Ping; it must answer with a compressed Pong (skip anything else it sends, e.g. eth Status).
        await conn.WriteMessageAsync(P2pMessageCodes.Ping, P2pMessageCodes.EmptyListPayload.ToArray(), cts.Token);
        RlpxMessage message;
        do message = await conn.ReadMessageAsync(cts.Token);
        while (message.Code != P2pMessageCodes.Pong);
        Assert.Equal(P2pMessageCodes.EmptyListPayload.ToArray(), message.Payload.ToArray());

        // Our Disconnect (a compressed [reason] list); ethereumjs half-closes, we close, it reports the reason.
        await conn.WriteMessageAsync(P2pMessageCodes.Disconnect, Disconnect.Encode(DisconnectReason.Requested), cts.Token);
        await conn.DisposeAsync();
        var removed = await peer.WaitForAsync("peer:removed", Timeout);
        Assert.Equal((int)DisconnectReason.Requested, removed.GetProperty("reason").GetInt32());
    }

    [InteropFact]
    public async Task It_dials_us_handshake_and_hello()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var peer = await EthereumJsPeer.StartAsync(port, Secp256k1.Default.CreatePublicKey(_key));

        using var cts = new CancellationTokenSource(Timeout);
        using var socket = await listener.AcceptTcpClientAsync(cts.Token);
        socket.NoDelay = true;
        await using var conn = await RlpxConnection.AcceptAsync(socket.GetStream(), _key, cancellationToken: cts.Token);
        Assert.Equal(peer.Id, conn.RemotePublicKey);

        var result = await HelloExchange.RunAsync(conn, OurHello(new Capability("eth", 68)), cts.Token);
        AssertEthereumJsHello(result, peer.Id);
        Assert.True(conn.Session.SnappyEnabled);
        await AssertItAddedUs(peer);
    }

    [InteropFact]
    public async Task Its_bare_uncompressed_disconnect_is_read_on_a_snappy_session()
    {
        // No shared capability: ethereumjs completes the Hello and then sends Disconnect(useless peer)
        // as a bare, uncompressed RLP byte although both sides announced p2p v5.
        await using var peer = await EthereumJsPeer.StartAsync();
        await using var conn = await DialAsync(peer, _key);
        using var cts = new CancellationTokenSource(Timeout);
        var result = await HelloExchange.RunAsync(conn, OurHello(new Capability("mork", 22)), cts.Token);
        AssertEthereumJsHello(result, peer.Id);
        Assert.True(conn.Session.SnappyEnabled);

        var message = await conn.ReadMessageAsync(cts.Token);
        Assert.Equal(P2pMessageCodes.Disconnect, message.Code);
        Assert.Equal(DisconnectReason.UselessPeer, Disconnect.Decode(message.Payload.Span));
    }
}
