using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>Settings for a DiscoveryActor on an in-memory network, and the endpoints tests use.</summary>
internal static class DiscoveryFixture
{
    public static readonly IPEndPoint ActorEndPoint = new(IPAddress.Parse("127.0.0.1"), 30303);

    public static IPEndPoint Peer(int n) => new(IPAddress.Parse($"127.0.0.{n + 1}"), 30303);

    public static DiscoverySettings Settings(InMemoryUdpNetwork network, INodeDatabase? database = null, byte[]? key = null) => new()
    {
        PrivateKey = key ?? Secp256k1.GeneratePrivateKey(),
        ListenEndPoint = ActorEndPoint,
        TcpPort = 30303,
        TransportFactory = network.CreateTransport,
        NodeDatabaseFactory = database is null ? null : () => new NonDisposing(database),
        RandomSeed = 1,
    };

    /// <summary>Lets a test keep reading a database after the actor stopped (and disposed it).</summary>
    private sealed class NonDisposing(INodeDatabase inner) : INodeDatabase
    {
        public void UpsertNode(StoredNode node) => inner.UpsertNode(node);
        public StoredNode? GetNode(Protocol.Enode.NodeId id) => inner.GetNode(id);
        public void DeleteNode(Protocol.Enode.NodeId id) => inner.DeleteNode(id);
        public DateTimeOffset? LastPingReceived(Protocol.Enode.NodeId id, IPAddress ip) => inner.LastPingReceived(id, ip);
        public void SetLastPingReceived(Protocol.Enode.NodeId id, IPAddress ip, DateTimeOffset at) => inner.SetLastPingReceived(id, ip, at);
        public DateTimeOffset? LastPongReceived(Protocol.Enode.NodeId id, IPAddress ip) => inner.LastPongReceived(id, ip);
        public void SetLastPongReceived(Protocol.Enode.NodeId id, IPAddress ip, DateTimeOffset at) => inner.SetLastPongReceived(id, ip, at);
        public int FindFails(Protocol.Enode.NodeId id, IPAddress ip) => inner.FindFails(id, ip);
        public void SetFindFails(Protocol.Enode.NodeId id, IPAddress ip, int fails) => inner.SetFindFails(id, ip, fails);
        public ulong LocalSeq(Protocol.Enode.NodeId localId) => inner.LocalSeq(localId);
        public void SetLocalSeq(Protocol.Enode.NodeId localId, ulong seq) => inner.SetLocalSeq(localId, seq);
        public IReadOnlyList<StoredNode> QuerySeeds(int max, TimeSpan maxAge, DateTimeOffset now) => inner.QuerySeeds(max, maxAge, now);
        public int ExpireNodes(DateTimeOffset cutoff) => inner.ExpireNodes(cutoff);
        public void Dispose() { }
    }
}
