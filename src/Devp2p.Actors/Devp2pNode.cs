using Devp2p.Actors.Discovery;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Server;
using Devp2p.Kernel;

namespace Devp2p.Actors;

/// <summary>
/// The engine wired with its production parts — ServerActor, real PeerActors, discovery with the
/// SQLite node database — started in a caller's ActorSystem. <see cref="StartAsync"/> returns once the
/// listener is bound, so <see cref="Info"/> carries the real port; <see cref="StopAsync"/> is the graceful
/// stop (every peer gets Disconnect(client quitting)). Used by the `devp2p node` command and by tests
/// that need whole nodes; everything else talks to <see cref="Server"/> with the messages in Server/.
/// </summary>
public sealed class Devp2pNode : IAsyncDisposable
{
    private Devp2pNode(IActorRef server, NodeInfo info)
    {
        Server = server;
        Info = info;
    }

    /// <summary>The ServerActor: send it the requests in Server/ServerRequests.cs.</summary>
    public IActorRef Server { get; }

    /// <summary>The node as it was when it started (enode with the real port, record, protocols).</summary>
    public NodeInfo Info { get; }

    /// <summary>The production parts; <paramref name="discovery"/> null means the SQLite-backed DiscoveryActor.</summary>
    public static ServerComponents Components(ServerSettings settings, DiscoveryPropsFactory? discovery = null) =>
        new(PeerActor.Props) { Discovery = settings.NoDiscovery ? null : discovery ?? DiscoveryActor.Factory() };

    /// <summary>Starts the server as <c>/user/{name}</c> and waits (at most <paramref name="timeout"/>, default 10 s) until it listens.</summary>
    public static async Task<Devp2pNode> StartAsync(ActorSystem system, ServerSettings settings, string name = "server",
        ServerComponents? components = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        var server = system.ActorOf(ServerActor.Props(settings, components ?? Components(settings)), name);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var info = await server.Ask<NodeInfo>(GetNodeInfo.Instance, TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            if (settings.ListenEndPoint is null || info.ListenPort != 0)
                return new Devp2pNode(server, info);
            if (DateTime.UtcNow > deadline)
            {
                system.Stop(server);
                throw new TimeoutException($"devp2p server did not bind {settings.ListenEndPoint} in time");
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Graceful stop; returns when every peer has left and the server has stopped, or after <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        try
        {
            await Server.Ask(StopServer.Instance, timeout ?? TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AskTimeoutException or ObjectDisposedException)
        {
            // Already stopped, or peers that would not leave in time: the server force-stops them itself.
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
