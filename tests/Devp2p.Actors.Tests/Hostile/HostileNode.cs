using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Events;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Actors.Tests.Support;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// A whole production node (ServerActor, listener, real PeerActors) on 127.0.0.1 for the hostile
/// scenarios, running echo/1 without discovery. Every inbound stream is counted (<see cref="Connections"/>),
/// and the test's own connections to it are closed with it.
/// </summary>
internal sealed class HostileNode : IAsyncDisposable
{
    public static readonly Capability Echo = new(EchoProtocol.Name, 1);

    private readonly List<IDisposable> _clients = [];
    private readonly List<RemotePeer> _remotes = [];

    private HostileNode(Devp2pNode node, ServerSettings settings, LiveCounter connections)
    {
        Node = node;
        Settings = settings;
        Connections = connections;
    }

    public Devp2pNode Node { get; }

    public ServerSettings Settings { get; }

    public LiveCounter Connections { get; }

    public NodeId Id => Node.Info.Id;

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Node.Info.ListenPort);

    public static ServerSettings DefaultSettings() => new()
    {
        PrivateKey = Secp256k1.GeneratePrivateKey(),
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        NoDiscovery = true,
        NoDial = true,
        Protocols = [EchoProtocol.Registration],
        ClientId = "hostile-target",
        DisconnectGrace = TimeSpan.FromSeconds(1),
    };

    public static async Task<HostileNode> StartAsync(ActorSystem system, Func<ServerSettings, ServerSettings>? tweak = null, string name = "target",
        Func<ServerComponents, ServerComponents>? components = null, TimeSpan? bindWithin = null)
    {
        var settings = tweak is null ? DefaultSettings() : tweak(DefaultSettings());
        var counter = new LiveCounter();
        PeerPropsFactory peers = (setup, s) => PeerActor.Props(setup with { Stream = new CountingStream(setup.Stream, counter) }, s);
        var parts = new ServerComponents(peers);
        var node = await Devp2pNode.StartAsync(system, settings, name, components is null ? parts : components(parts), bindWithin ?? HostileScale.Patience(10));
        return new HostileNode(node, settings, counter);
    }

    /// <summary>A raw TCP connection to the node, optionally from another 127.0.0.x source address.</summary>
    public async Task<TcpClient> ConnectRawAsync(IPAddress? from = null, int? receiveBuffer = null)
    {
        var client = from is null ? new TcpClient(AddressFamily.InterNetwork) : new TcpClient(new IPEndPoint(from, 0));
        client.NoDelay = true;
        if (receiveBuffer is { } size)
            client.ReceiveBufferSize = size; // before connecting: fixes the window, no autotuning
        lock (_clients)
            _clients.Add(client);
        using var cts = new CancellationTokenSource(HostileScale.Patience(5));
        await client.ConnectAsync(EndPoint, cts.Token);
        return client;
    }

    /// <summary>Completes the enc handshake as a remote with <paramref name="key"/> (fresh by default) over <paramref name="wrap"/> of the socket stream.</summary>
    public async Task<RemotePeer> DialAsync(byte[]? key = null, Func<Stream, Stream>? wrap = null)
    {
        var client = await ConnectRawAsync();
        Stream stream = client.GetStream();
        if (wrap is not null)
            stream = wrap(stream);
        var remote = await RemotePeer.DialAsync(stream, key ?? Secp256k1.GeneratePrivateKey(), Id);
        lock (_remotes)
            _remotes.Add(remote);
        return remote;
    }

    /// <summary>Dials and exchanges Hellos announcing <paramref name="caps"/> (echo/1 by default): a peer the node admits.</summary>
    public async Task<RemotePeer> ConnectPeerAsync(params Capability[] caps)
    {
        var remote = await DialAsync();
        var result = await remote.ExchangeHelloAsync(caps.Length > 0 ? caps : [Echo]);
        Assert.True(result.Remote is not null, $"the node answered the Hello with Disconnect({result.Disconnect})");
        return remote;
    }

    /// <summary>One echo round trip over <paramref name="remote"/> (echo/1 at wire <paramref name="offset"/>): proves the peer is served.</summary>
    public static async Task EchoAsync(RemotePeer remote, byte[] payload, ulong offset = 0x10)
    {
        await remote.SendAsync(offset + EchoProtocol.RequestCode, payload);
        Assert.Equal(payload, await remote.ReadUntilAsync(offset + EchoProtocol.ReplyCode));
    }

    /// <summary>Waits until the server counts <paramref name="count"/> peers (the add-peer checkpoint runs after the remote's Hello exchange).</summary>
    public async Task<IReadOnlyList<PeerInfo>> WaitForPeersAsync(int count)
    {
        var deadline = DateTime.UtcNow + HostileScale.Patience(10);
        while (true)
        {
            var peers = await PeersAsync();
            if (peers.Count == count || DateTime.UtcNow > deadline)
                return peers;
            await Task.Delay(50);
        }
    }

    public async Task<IReadOnlyList<PeerInfo>> PeersAsync() =>
        await Node.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, HostileScale.Patience(5));

    /// <summary>The graceful stop (once: asking a stopped server would wait for the Ask's timeout).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
            await Node.StopAsync(HostileScale.Patience(10));
    }

    private int _stopped;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var remote in _remotes)
            await remote.DisposeAsync();
        lock (_clients)
        {
            foreach (var client in _clients)
                client.Dispose();
        }
    }
}
