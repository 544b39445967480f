using System.Collections.Concurrent;
using System.Net;

namespace Devp2p.Actors.Discovery.Transport;

/// <summary>
/// A lossless, instant datagram network inside one process: each bound endpoint gets what is sent
/// to it, synchronously. With the TestKit's virtual time this tests discovery rules without sockets
/// or real waiting. <see cref="Drop"/> lets a test cut a link or silence a node.
/// </summary>
public sealed class InMemoryUdpNetwork
{
    private readonly ConcurrentDictionary<IPEndPoint, Action<IPEndPoint, byte[]>> _receivers = new();

    /// <summary>A filter (from, to, datagram) → true to lose the datagram; null delivers everything.</summary>
    public Func<IPEndPoint, IPEndPoint, byte[], bool>? Drop { get; set; }

    /// <summary>Datagrams delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    private long _delivered;

    /// <summary>A transport bound to <paramref name="endpoint"/> (must be unique in this network).</summary>
    public IUdpTransport CreateTransport(IPEndPoint endpoint) => new Transport(this, endpoint);

    /// <summary>Binds a raw receiver, e.g. a test that crafts packets by hand; dispose to unbind.</summary>
    public IDisposable Bind(IPEndPoint endpoint, Action<IPEndPoint, byte[]> onReceive)
    {
        if (!_receivers.TryAdd(endpoint, onReceive))
            throw new InvalidOperationException($"{endpoint} is already bound");
        return new Binding(this, endpoint);
    }

    /// <summary>Delivers <paramref name="datagram"/> from <paramref name="from"/> to <paramref name="to"/>, if someone listens there.</summary>
    public void Send(IPEndPoint from, IPEndPoint to, byte[] datagram)
    {
        if (Drop?.Invoke(from, to, datagram) == true)
            return;
        if (_receivers.TryGetValue(to, out var receiver))
        {
            Interlocked.Increment(ref _delivered);
            receiver(from, (byte[])datagram.Clone());
        }
    }

    private void Unbind(IPEndPoint endpoint) => _receivers.TryRemove(endpoint, out _);

    private sealed class Binding(InMemoryUdpNetwork network, IPEndPoint endpoint) : IDisposable
    {
        public void Dispose() => network.Unbind(endpoint);
    }

    private sealed class Transport(InMemoryUdpNetwork network, IPEndPoint endpoint) : IUdpTransport
    {
        private IDisposable? _binding;

        public IPEndPoint LocalEndPoint { get; } = endpoint;

        public void Start(Action<IPEndPoint, byte[]> onReceive) => _binding = network.Bind(LocalEndPoint, onReceive);

        public void Send(IPEndPoint destination, byte[] datagram) => network.Send(LocalEndPoint, destination, datagram);

        public void Dispose() => _binding?.Dispose();
    }
}
