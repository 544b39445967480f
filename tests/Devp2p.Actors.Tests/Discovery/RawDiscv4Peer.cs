using System.Collections.Concurrent;
using System.Net;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>
/// A hand-driven discv4 node on an <see cref="InMemoryUdpNetwork"/>: the test decides every packet it
/// sends (signed with its own key, expiring in real time so virtual-time actors accept them) and reads
/// every packet it receives, decoded.
/// </summary>
internal sealed class RawDiscv4Peer : IDisposable
{
    private readonly InMemoryUdpNetwork _network;
    private readonly IDisposable _binding;
    private readonly BlockingCollection<(Discv4DecodedPacket Packet, IPEndPoint From)> _inbox = new();
    private readonly List<Discv4DecodedPacket> _skipped = [];

    public RawDiscv4Peer(InMemoryUdpNetwork network, IPEndPoint endpoint, ushort tcpPort = 30303)
    {
        _network = network;
        EndPoint = endpoint;
        TcpPort = tcpPort;
        PrivateKey = Secp256k1.GeneratePrivateKey();
        Id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(PrivateKey));
        _binding = network.Bind(endpoint, (from, data) => _inbox.Add((Discv4Codec.Decode(data), from)));
    }

    public byte[] PrivateKey { get; }

    public NodeId Id { get; }

    public IPEndPoint EndPoint { get; }

    public ushort TcpPort { get; }

    public Discv4Node Node => new(Id, EndPoint.Address, (ushort)EndPoint.Port, TcpPort);

    public EnodeUrl Enode => new(Id, EndPoint.Address, TcpPort, EndPoint.Port);

    public NodeEndpoint Endpoint => new(EndPoint.Address, (ushort)EndPoint.Port, TcpPort);

    public static ulong Expiration => Discv4Expiration.From(DateTimeOffset.UtcNow);

    /// <summary>Signs and sends <paramref name="packet"/>; returns its hash.</summary>
    public byte[] Send(IPEndPoint to, Discv4Packet packet)
    {
        var datagram = Discv4Codec.Encode(packet, PrivateKey);
        _network.Send(EndPoint, to, datagram);
        return datagram[..32];
    }

    public void SendRaw(IPEndPoint to, byte[] datagram) => _network.Send(EndPoint, to, datagram);

    public byte[] Ping(IPEndPoint to, ulong? enrSeq = null) =>
        Send(to, new PingPacket(Endpoint, new NodeEndpoint(to.Address, (ushort)to.Port, 0), Expiration, enrSeq));

    public void Pong(Discv4DecodedPacket ping, IPEndPoint to, ulong? enrSeq = null) =>
        Send(to, new PongPacket(new NodeEndpoint(to.Address, (ushort)to.Port, 0), ping.Hash.Span, Expiration, enrSeq));

    /// <summary>Waits (real time) for the next packet of type <typeparamref name="T"/>; others stay queued for later expectations.</summary>
    public Discv4DecodedPacket Expect<T>(TimeSpan? timeout = null) where T : Discv4Packet =>
        TryTake<T>(timeout ?? TimeSpan.FromSeconds(3)) ?? throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} arrived at {EndPoint}");

    /// <summary>Asserts that no packet of type <typeparamref name="T"/> arrives within <paramref name="within"/> (real time).</summary>
    public void ExpectNo<T>(TimeSpan within) where T : Discv4Packet
    {
        if (TryTake<T>(within) is not null)
            throw new Xunit.Sdk.XunitException($"unexpected {typeof(T).Name} at {EndPoint}");
    }

    private Discv4DecodedPacket? TryTake<T>(TimeSpan timeout) where T : Discv4Packet
    {
        int index = _skipped.FindIndex(p => p.Packet is T);
        if (index >= 0)
        {
            var found = _skipped[index];
            _skipped.RemoveAt(index);
            return found;
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_inbox.TryTake(out var item, left))
                return null;
            if (item.Packet.Packet is T)
                return item.Packet;
            _skipped.Add(item.Packet);
        }
    }

    /// <summary>Answers the actor's endpoint check (its Ping) and checks it back, so it answers our FindNode/ENRRequest.</summary>
    public void Bond(IPEndPoint actor)
    {
        Ping(actor);
        var ping = Expect<PingPacket>();
        Pong(ping, actor);
        Expect<PongPacket>();
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inbox.Dispose();
    }
}
