using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// One of our discv4 endpoints (a DiscoveryActor over a real UDP socket, in-memory node database,
/// no bootnodes) in an ActorSystem of its own, with its enode known, for <c>bench discovery</c>.
/// </summary>
internal sealed class BenchDiscoveryEndpoint : IAsyncDisposable
{
    private BenchDiscoveryEndpoint(ActorSystem system, IActorRef discovery, EnodeUrl enode)
    {
        System = system;
        Discovery = discovery;
        Enode = enode;
    }

    public ActorSystem System { get; }

    public IActorRef Discovery { get; }

    public EnodeUrl Enode { get; }

    public static async Task<BenchDiscoveryEndpoint> StartAsync(string name, TimeSpan responseTimeout)
    {
        var system = ActorSystem.Create(name);
        var key = Secp256k1.GeneratePrivateKey();
        var settings = new DiscoverySettings
        {
            PrivateKey = key,
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            ResponseTimeout = responseTimeout,
            RefreshInterval = TimeSpan.FromHours(1),
        };
        try
        {
            var discovery = system.ActorOf(DiscoveryActor.Props(settings), "discovery");
            var record = await discovery.Ask<LocalRecord>(GetLocalRecord.Instance, TimeSpan.FromSeconds(10));
            var id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(key));
            return new BenchDiscoveryEndpoint(system, discovery, new EnodeUrl(id, IPAddress.Loopback, record.UdpPort, record.UdpPort));
        }
        catch
        {
            await system.Terminate();
            system.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await System.Terminate();
        System.Dispose();
    }
}
