using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Interop.Tests;

/// <summary>
/// Our DiscoveryActor against @ethereumjs/devp2p's DPT (tests/interop/dpt.mjs) on loopback: Ping/Pong
/// and FindNode/Neighbors in both directions, and discovering a 10-node ethereumjs network through
/// one bootnode.
/// </summary>
[Trait("Category", "Interop")]
public sealed class Discv4EthereumJsTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly ActorSystem _system = ActorSystem.Create("discv4-interop");
    private IActorRef _ours = null!;
    private NodeId _ourId = null!;
    private int _ourPort;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _system.Terminate();

    private async Task StartOursAsync(params EnodeUrl[] bootnodes)
    {
        var settings = new DiscoverySettings
        {
            PrivateKey = Secp256k1.GeneratePrivateKey(),
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            TcpPort = 30303,
            Bootnodes = bootnodes,
            RefreshInterval = TimeSpan.FromSeconds(2),
            UnprovenRevalidationInterval = TimeSpan.FromMilliseconds(200),
        };
        _ourId = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(settings.PrivateKey));
        _ours = _system.ActorOf(DiscoveryActor.Props(settings));
        _ourPort = (await _ours.Ask<LocalRecord>(GetLocalRecord.Instance, Wait)).UdpPort;
    }

    private static EnodeUrl Enode((string Id, int Port) node) => new(NodeId.FromHex(node.Id), IPAddress.Loopback, node.Port, node.Port);

    [InteropFact]
    public async Task Our_ping_gets_their_pong()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(1);
        await StartOursAsync();

        var result = await _ours.Ask<PingResult>(new PingNode(Enode(js.Nodes[0])), Wait);

        Assert.True(result.Success, result.Error + "\n" + js.Log);
    }

    [InteropFact]
    public async Task Their_ping_gets_our_pong()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(1);
        await StartOursAsync();

        await js.SendAsync(new { cmd = "ping", node = 0, address = "127.0.0.1", port = _ourPort });

        var pong = await js.WaitForAsync(e => e.GetProperty("event").GetString() is "pong" or "ping:error", Wait, "pong");
        Assert.Equal("pong", pong.GetProperty("event").GetString());
        Assert.Equal(_ourId.ToHex(), pong.GetProperty("id").GetString());
    }

    [InteropFact]
    public async Task Their_findnode_gets_our_neighbors_once_they_proved_their_endpoint()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(2);
        await StartOursAsync();
        // Each pings us: we answer, check them back (they Pong), and add them to the table.
        foreach (int node in new[] { 0, 1 })
        {
            await js.SendAsync(new { cmd = "ping", node, address = "127.0.0.1", port = _ourPort });
            await js.WaitForAsync(e => e.GetProperty("event").GetString() == "pong" && e.GetProperty("node").GetInt32() == node, Wait, "pong");
        }
        await WaitUntilAsync(async () => (await _ours.Ask<TableNodes>(GetTableNodes.Instance, Wait)).Nodes.Count == 2, js);

        await js.SendAsync(new { cmd = "findneighbours", node = 0, address = "127.0.0.1", port = _ourPort, target = js.Nodes[1].Id });

        var neighbours = await js.WaitForAsync(e => e.GetProperty("event").GetString() == "neighbours"
            && e.GetProperty("peers").EnumerateArray().Any(p => p.GetProperty("id").GetString() == js.Nodes[1].Id), Wait, "neighbours from us");
        var listed = neighbours.GetProperty("peers").EnumerateArray().First(p => p.GetProperty("id").GetString() == js.Nodes[1].Id);
        Assert.Equal(js.Nodes[1].Port, listed.GetProperty("udpPort").GetInt32());
    }

    [InteropFact]
    public async Task Our_findnode_gets_their_neighbours()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(2);
        await WaitUntilAsync(async () =>
        {
            await js.SendAsync(new { cmd = "peers", node = 0 });
            var peers = await js.WaitForAsync(e => e.GetProperty("event").GetString() == "peers", Wait, "peers");
            return peers.GetProperty("peers").GetArrayLength() >= 1;
        }, js);
        await StartOursAsync(Enode(js.Nodes[0]));

        // Seeded only with node 0, we learn node 1's endpoint from node 0's Neighbours (or, later, from a
        // Ping of node 1 once node 0 has told it of us); the lookup result must carry it.
        await WaitUntilAsync(async () =>
        {
            var lookup = await _ours.Ask<LookupResult>(new LookupNodes(NodeId.FromHex(js.Nodes[1].Id)), Wait);
            return lookup.Nodes.Any(n => n.Id.ToHex() == js.Nodes[1].Id && n.UdpPort == js.Nodes[1].Port);
        }, js);
    }

    [InteropFact]
    public async Task Cli_discv4_ping_gets_their_pong()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(1);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int code = Devp2p.Cli.CliApp.Run(["discv4", "ping", Enode(js.Nodes[0]).ToString(), "--json"], stdout, stderr);

        Assert.True(code == 0, stderr + "\n" + js.Log);
        Assert.Contains("\"rttMs\"", stdout.ToString());
    }

    [InteropFact]
    public async Task We_discover_a_ten_node_ethereumjs_network_through_one_bootnode()
    {
        await using var js = await Discv4EthereumJsNetwork.StartAsync(10);
        // Let the ethereumjs nodes learn of each other through their bootnode first.
        await WaitUntilAsync(async () =>
        {
            await js.SendAsync(new { cmd = "peers", node = 0 });
            var peers = await js.WaitForAsync(e => e.GetProperty("event").GetString() == "peers", Wait, "peers");
            return peers.GetProperty("peers").GetArrayLength() >= 9;
        }, js);
        await StartOursAsync(Enode(js.Nodes[0]));

        var everyone = js.Nodes.Select(n => n.Id).ToHashSet();
        var found = new HashSet<string>();
        await WaitUntilAsync(async () =>
        {
            var lookup = await _ours.Ask<LookupResult>(new LookupNodes(NodeId.FromHex(js.Nodes[Random.Shared.Next(10)].Id)), Wait);
            var table = await _ours.Ask<TableNodes>(GetTableNodes.Instance, Wait);
            found.UnionWith(lookup.Nodes.Select(n => n.Id.ToHex()).Concat(table.Nodes.Select(n => n.Node.Id.ToHex())).Where(everyone.Contains));
            return found.Count == everyone.Count;
        }, js);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Discv4EthereumJsNetwork js)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not met within 40 s. ethereumjs output:\n" + js.Log);
            await Task.Delay(200);
        }
    }
}
