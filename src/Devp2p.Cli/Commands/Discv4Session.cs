using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// An ActorSystem holding only a DiscoveryActor with a throw-away key, for the one-shot
/// <c>discv4</c> commands. Disposing terminates the system (and closes the UDP socket).
/// </summary>
internal sealed class Discv4Session : IAsyncDisposable
{
    private Discv4Session(ActorSystem system, IActorRef discovery)
    {
        System = system;
        Discovery = discovery;
    }

    public ActorSystem System { get; }

    public IActorRef Discovery { get; }

    /// <summary>Starts discovery on <paramref name="listen"/> (port 0: any free port) with the given bootnodes and reply timeout.</summary>
    public static async Task<Discv4Session> StartAsync(IPEndPoint listen, IReadOnlyList<EnodeUrl> bootnodes, TimeSpan responseTimeout, TimeSpan? refresh = null)
    {
        var system = ActorSystem.Create("devp2p-discv4");
        var settings = new DiscoverySettings
        {
            PrivateKey = Secp256k1.GeneratePrivateKey(),
            ListenEndPoint = listen,
            Bootnodes = bootnodes,
            ResponseTimeout = responseTimeout,
            RefreshInterval = refresh ?? TimeSpan.FromMinutes(30),
        };
        var discovery = system.ActorOf(DiscoveryActor.Props(settings), "discovery");
        try
        {
            await discovery.Ask<LocalRecord>(GetLocalRecord.Instance, TimeSpan.FromSeconds(10));
        }
        catch (Exception e)
        {
            await system.Terminate();
            throw new CliException($"cannot start discovery on {listen}: {e.Message}");
        }
        return new Discv4Session(system, discovery);
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
