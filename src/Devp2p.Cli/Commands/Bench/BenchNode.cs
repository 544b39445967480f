using System.Net;
using Devp2p.Actors;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// One whole node of ours (ServerActor, ListenerActor, PeerActors, echo/1) in an ActorSystem of its
/// own, as `devp2p node` runs it but without discovery and with limits opened up for load: the thing
/// the handshake, throughput and peers workloads measure. Disposing stops the node and its system.
/// </summary>
internal sealed class BenchNode : IAsyncDisposable
{
    private BenchNode(ActorSystem system, Devp2pNode node)
    {
        System = system;
        Node = node;
    }

    public ActorSystem System { get; }

    public Devp2pNode Node { get; }

    public NodeInfo Info => Node.Info;

    /// <summary>Starts listening on <paramref name="listen"/> (port 0: a free one), admitting up to <paramref name="maxPeers"/> peers.</summary>
    public static async Task<BenchNode> StartAsync(string name, IPEndPoint? listen, int maxPeers, int maxPending, CancellationToken ct)
    {
        var system = ActorSystem.Create(name);
        var settings = new ServerSettings
        {
            PrivateKey = Secp256k1.GeneratePrivateKey(),
            ListenEndPoint = listen,
            NoDiscovery = true,
            NoDial = listen is not null,
            MaxPeers = maxPeers,
            MaxPendingPeers = maxPending,
            DialRatio = 1,
            InboundThrottle = TimeSpan.Zero,
            Protocols = [EchoProtocol.Registration],
            ClientId = "devp2p-actors/bench",
        };
        try
        {
            return new BenchNode(system, await Devp2pNode.StartAsync(system, settings, cancellationToken: ct));
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    /// <summary>The connected peers the server reports now.</summary>
    public async Task<int> PeerCountAsync() =>
        (await Node.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(30))).Count;

    public async ValueTask DisposeAsync()
    {
        await Node.StopAsync(TimeSpan.FromSeconds(10));
        await System.Terminate();
        System.Dispose();
    }
}
