using System.Net;

namespace Devp2p.Actors.Discovery.Transport;

/// <summary>
/// The DiscoveryActor's datagram socket, abstracted so the protocol rules can be tested with an
/// in-memory network and virtual time (<see cref="InMemoryUdpNetwork"/>), and run for real over
/// <see cref="SocketUdpTransport"/>. Received datagrams are pushed to the callback given to
/// <see cref="Start"/>, which must not block (the actor just Tells itself).
/// </summary>
public interface IUdpTransport : IDisposable
{
    /// <summary>The bound local endpoint (the real port when bound to port 0).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Begins delivering datagrams to <paramref name="onReceive"/>; called once.</summary>
    void Start(Action<IPEndPoint, byte[]> onReceive);

    /// <summary>Sends one datagram; never throws for network errors (UDP is lossy anyway).</summary>
    void Send(IPEndPoint destination, byte[] datagram);
}
