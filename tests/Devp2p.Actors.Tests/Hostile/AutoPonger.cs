using System.Net;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// Many scripted discv4 identities on an <see cref="InMemoryUdpNetwork"/>, each answering every Ping
/// with a valid Pong — enough to bond, which is all a Sybil attacker needs to offer.
/// </summary>
internal sealed class AutoPonger : IDisposable
{
    private readonly InMemoryUdpNetwork _network;
    private readonly List<IDisposable> _bindings = [];

    public AutoPonger(InMemoryUdpNetwork network) => _network = network;

    public Identity Add(IPEndPoint endpoint)
    {
        var identity = new Identity(_network, endpoint);
        lock (_bindings)
            _bindings.Add(_network.Bind(endpoint, identity.OnReceive));
        return identity;
    }

    public void Dispose()
    {
        lock (_bindings)
        {
            foreach (var binding in _bindings)
                binding.Dispose();
        }
    }

    public sealed class Identity
    {
        private readonly InMemoryUdpNetwork _network;
        private readonly byte[] _key = Secp256k1.GeneratePrivateKey();
        private int _bonded;

        public Identity(InMemoryUdpNetwork network, IPEndPoint endpoint)
        {
            _network = network;
            EndPoint = endpoint;
            Id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(_key));
        }

        public NodeId Id { get; }

        public IPEndPoint EndPoint { get; }

        /// <summary>True once it has answered a Ping of the target (its endpoint proof).</summary>
        public bool Bonded => Volatile.Read(ref _bonded) == 1;

        private NodeEndpoint Endpoint => new(EndPoint.Address, (ushort)EndPoint.Port, (ushort)EndPoint.Port);

        public void Ping(IPEndPoint to) => Send(to, new PingPacket(Endpoint, new NodeEndpoint(to.Address, (ushort)to.Port, 0), Expiration, null));

        internal void OnReceive(IPEndPoint from, byte[] datagram)
        {
            if (Discv4Codec.Decode(datagram).Packet is not PingPacket)
                return;
            Send(from, new PongPacket(new NodeEndpoint(from.Address, (ushort)from.Port, 0), datagram.AsSpan(0, 32), Expiration, null));
            Volatile.Write(ref _bonded, 1);
        }

        private static ulong Expiration => Discv4Expiration.From(DateTimeOffset.UtcNow);

        private void Send(IPEndPoint to, Discv4Packet packet) => _network.Send(EndPoint, to, Discv4Codec.Encode(packet, _key));
    }
}
