using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Devp2p.Samples.Greeter;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Devp2p.Hosting.Tests.Hosting;

/// <summary>Whole nodes inside IHosts on loopback: start, connect through the facade, events, graceful stop.</summary>
public sealed class HostedNodeSpec : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15) * TestKitSettings.TimeFactor;
    private readonly List<IHost> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private IHost Build(string name, Action<Devp2pOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDevp2p(o => o
            .UseEnvironment(false)
            .UseHocon($$"""devp2p.server { listen = "127.0.0.1:0", no-discovery = on, client-id = "{{name}}" }""", name + ".conf")
            .AddProtocol(EchoProtocol.Registration)
            .AddProtocol(GreeterProtocol.Registration(name)));
        if (configure is not null)
            builder.Services.AddDevp2p(configure);
        var host = builder.Build();
        _hosts.Add(host);
        return host;
    }

    private async Task<(IHost Host, IDevp2pNode Node)> StartAsync(string name, Action<Devp2pOptions>? configure = null)
    {
        var host = Build(name, configure);
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<IDevp2pNode>());
    }

    private static async Task<T> NextAsync<T>(PeerEventSubscription events) where T : PeerEvent
    {
        using var timeout = new CancellationTokenSource(Wait);
        await foreach (var e in events.ReadAllAsync(timeout.Token))
        {
            if (e is T match)
                return match;
        }
        throw new InvalidOperationException($"the event stream ended before a {typeof(T).Name}");
    }

    [Fact]
    public async Task Two_hosted_nodes_connect_through_AddPeerAsync_and_see_each_others_events()
    {
        var (_, a) = await StartAsync("node-a");
        var (hostB, b) = await StartAsync("node-b");
        await using var eventsA = a.SubscribeEvents();
        await using var eventsB = b.SubscribeEvents();

        Assert.True(a.IsRunning);
        Assert.NotEqual(0, a.Info.ListenPort);
        await a.AddPeerAsync(b.Info.Enode);

        Assert.Equal(b.Info.Id, (await NextAsync<PeerAdded>(eventsA)).PeerId);
        var addedAtB = await NextAsync<PeerAdded>(eventsB);
        Assert.Equal(a.Info.Id, addedAtB.PeerId);
        Assert.Equal("node-a", addedAtB.Peer.ClientId);

        var peers = await a.GetPeersAsync();
        var peer = Assert.Single(peers);
        Assert.Equal(b.Info.Id, peer.Id);
        Assert.True(peer.Static);
        Assert.Contains(peer.Matched, m => m.Name == GreeterProtocol.Name);

        // The sample protocol end to end: A greets B through the ServerActor.
        var greeting = await a.Server.Ask<Greeting>(new SendToPeer(b.Info.Id, GreeterProtocol.Name, new SayHello("A")), Wait);
        Assert.Equal(new Greeting(b.Info.Id, "Hello, A! (node-b)"), greeting);

        // B stops gracefully: A is told why.
        await hostB.StopAsync();
        var dropped = await NextAsync<PeerDropped>(eventsA);
        Assert.Equal(b.Info.Id, dropped.PeerId);
        Assert.Equal(DisconnectReason.Quitting, dropped.Reason);
        Assert.True(dropped.RemoteRequested);
        Assert.False(b.IsRunning);
    }

    [Fact]
    public async Task Trusted_and_removed_peers_go_through_the_facade()
    {
        var (_, a) = await StartAsync("node-t");
        var (_, b) = await StartAsync("node-u");
        await using var eventsA = a.SubscribeEvents();
        await a.AddTrustedPeerAsync(b.Info.Enode);
        await a.AddPeerAsync(b.Info.Enode);
        await NextAsync<PeerAdded>(eventsA);
        var peer = Assert.Single(await a.GetPeersAsync());
        Assert.True(peer.Trusted);

        await a.RemovePeerAsync(b.Info.Id);
        var dropped = await NextAsync<PeerDropped>(eventsA);
        Assert.Equal(DisconnectReason.Requested, dropped.Reason);
        Assert.False(dropped.RemoteRequested);
        Assert.Empty(await a.GetPeersAsync());
        await a.RemoveTrustedPeerAsync(b.Info.Id);
    }

    [Fact]
    public async Task The_registry_holds_the_ServerActor_once_the_host_has_started()
    {
        var host = Build("node-r");
        var registry = host.Services.GetRequiredService<IActorRegistry>();
        Assert.False(registry.TryGet<ServerActor>(out _));
        var waiting = registry.GetAsync<ServerActor>();
        await host.StartAsync();
        var node = host.Services.GetRequiredService<IDevp2pNode>();
        Assert.Equal(node.Server, await waiting.WaitAsync(Wait));
        Assert.Equal(node.Server, registry.Get<ServerActor>());
        var info = await registry.Get<ServerActor>().Ask<NodeInfo>(GetNodeInfo.Instance, Wait);
        Assert.Equal(node.Info.Id, info.Id);
        Assert.Contains(new Capability(GreeterProtocol.Name, GreeterProtocol.Version), info.Protocols);
    }

    [Fact]
    public async Task Stopping_twice_returns_the_first_stop_and_ends_event_readers()
    {
        var (host, node) = await StartAsync("node-s");
        var reader = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var _ in node.ReadEventsAsync())
                count++;
            return count;
        });
        var service = host.Services.GetRequiredService<HostedDevp2pNode>();
        var first = service.StopAsync(CancellationToken.None);
        var second = service.StopAsync(CancellationToken.None);
        Assert.Same(first, second);
        await first.WaitAsync(Wait);
        Assert.True(service.StopAsync(CancellationToken.None).IsCompletedSuccessfully);
        await host.StopAsync().WaitAsync(Wait); // the host's own stop calls it once more
        Assert.False(node.IsRunning);
        Assert.Equal(0, await reader.WaitAsync(Wait));
        await using var late = node.SubscribeEvents();
        await foreach (var e in late.ReadAllAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
            Assert.Fail($"a subscription made after the stop got {e}");
        await Assert.ThrowsAsync<InvalidOperationException>(() => service.StartAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_slow_reader_loses_the_oldest_events_and_the_loss_is_counted()
    {
        var (_, node) = await StartAsync("node-d", o => o.EventBufferCapacity = 2);
        await using var events = node.SubscribeEvents();
        var ids = Enumerable.Range(1, 5).Select(i => Protocol.Enode.NodeId.FromBytes(Enumerable.Repeat((byte)i, 64).ToArray())).ToList();
        foreach (var id in ids)
            node.System.EventStream.Publish(new PeerDropped(id, "x", DisconnectReason.Requested, false, null));
        using var timeout = new CancellationTokenSource(Wait);
        while (events.Dropped < 3)
            await Task.Delay(10, timeout.Token);
        Assert.Equal(3, events.Dropped);
        Assert.Equal(3, node.DroppedEvents);
        var received = new List<PeerEvent>();
        await foreach (var e in events.ReadAllAsync(timeout.Token))
        {
            received.Add(e);
            if (received.Count == 2)
                break;
        }
        Assert.Equal(ids[3..], received.Select(e => e.PeerId));
    }

    [Fact]
    public async Task A_bad_setting_fails_the_host_start_naming_the_key_and_where_it_was_written()
    {
        var host = Build("node-x", o => o.UseHocon("devp2p.server {\n  ping-interval = often\n}", "bad.conf"));
        var e = await Assert.ThrowsAnyAsync<ConfigException>(() => host.StartAsync());
        Assert.Contains("devp2p.server.ping-interval", e.Message);
        Assert.Contains("bad.conf line 2", e.Message);
    }

    [Fact]
    public async Task A_start_that_cannot_bind_fails_the_host_and_leaves_no_actor_system_running()
    {
        using var occupier = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((System.Net.IPEndPoint)occupier.LocalEndpoint).Port;
        var host = Build("node-f", o =>
        {
            o.Configure(s => s with { ListenEndPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port) });
            o.StartTimeout = TimeSpan.FromSeconds(1);
        });
        await Assert.ThrowsAsync<TimeoutException>(() => host.StartAsync());
        var node = host.Services.GetRequiredService<IDevp2pNode>();
        Assert.False(node.IsRunning);
        await node.System.WhenTerminated.WaitAsync(Wait);
    }

    [Fact]
    public async Task The_node_is_not_usable_before_the_host_starts()
    {
        var host = Build("node-n");
        var node = host.Services.GetRequiredService<IDevp2pNode>();
        Assert.False(node.IsRunning);
        Assert.Throws<InvalidOperationException>(() => node.Info);
        await host.StartAsync();
        Assert.True(node.IsRunning);
    }
}
