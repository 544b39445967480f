using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>
/// 40 DiscoveryActors on the in-memory network (real time, no sockets): once the tables have filled,
/// a lookup for a random target returns the true 16 closest nodes of the whole network.
/// </summary>
[Collection(NetworkTestCollection.Name)]
public sealed class LookupConvergenceTests(ITestOutputHelper output) : TestKit(output)
{
    private const int Nodes = 40;

    [Fact]
    public async Task A_lookup_returns_the_sixteen_closest_nodes_of_the_network()
    {
        var network = new InMemoryUdpNetwork();
        var keys = Enumerable.Range(0, Nodes).Select(_ => Secp256k1.GeneratePrivateKey()).ToArray();
        var ids = keys.Select(k => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(k))).ToArray();
        var endpoints = Enumerable.Range(0, Nodes).Select(i => new IPEndPoint(IPAddress.Parse($"127.0.1.{i + 1}"), 30303)).ToArray();
        var boot = new EnodeUrl(ids[0], endpoints[0].Address, 30303, 30303);
        var actors = Enumerable.Range(0, Nodes).Select(i => Sys.ActorOf(DiscoveryActor.Props(new DiscoverySettings
        {
            PrivateKey = keys[i],
            ListenEndPoint = endpoints[i],
            TcpPort = 30303,
            TransportFactory = network.CreateTransport,
            Bootnodes = i == 0 ? [] : [boot],
            RefreshInterval = TimeSpan.FromSeconds(2),
            UnprovenRevalidationInterval = TimeSpan.FromMilliseconds(250),
            // Delivery is instant here; a generous timeout keeps a busy CI machine from failing live nodes.
            ResponseTimeout = TimeSpan.FromSeconds(5),
        }))).ToArray();

        // Warm up: every table holds most of the network (buckets can hold at most 16 per distance).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var sizes = await Task.WhenAll(actors.Select(a => a.Ask<TableNodes>(GetTableNodes.Instance, TimeSpan.FromSeconds(30))));
            // ...and every node is known to several others: a lookup can only find a node some table holds.
            var known = sizes.SelectMany(s => s.Nodes.Select(n => n.Node.Id)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            bool everyoneKnown = ids.All(id => known.GetValueOrDefault(id) >= 3);
            if ((sizes.All(s => s.Nodes.Count(n => n.Proven) >= 16) && everyoneKnown) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }

        var random = new Random(3);
        for (int round = 0; round < 3; round++)
        {
            int asker = random.Next(Nodes);
            var target = ids[random.Next(Nodes)];
            var expected = ids.Where(id => !id.Equals(ids[asker]))
                .OrderBy(id => id, Comparer<NodeId>.Create((a, b) => NodeDistance.DistCmp(target.Hash, a.Hash, b.Hash)))
                .Take(16).ToArray();

            // Tables fill by refreshes racing the warm-up, so a first lookup may still miss a node no queried table
            // holds yet; each lookup also teaches the tables. The exact 16 closest must come back within five tries.
            NodeId[] found = [];
            for (int attempt = 0; attempt < 5 && !found.SequenceEqual(expected); attempt++)
            {
                if (attempt > 0)
                    await Task.Delay(1000);
                var result = await actors[asker].Ask<LookupResult>(new LookupNodes(target), TimeSpan.FromSeconds(30));
                found = result.Nodes.Select(n => n.Id).ToArray();
            }

            Assert.Equal(expected, found);
        }
    }
}
