using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// Decodes received datagrams on the transport's receive thread, before they reach the DiscoveryActor:
/// the hash check, RLP and signature recovery (about half of a packet's cost) then run beside the
/// actor's turn, not inside it — on two cores the actor signs replies while the receive loop recovers
/// the next sender. Called only for datagrams the <see cref="DatagramIntake"/> admitted, so shed
/// datagrams cost no EC work; one receive loop per socket calls it in arrival order, so the actor sees
/// datagrams in the order it did before. Sources outside NetRestrict are not decoded (the actor drops
/// them unread). Holds no state of its own; thread-safe.
/// </summary>
internal sealed class InboundDecoder(ISecp256k1 secp, IReadOnlyList<IpPrefix>? netRestrict)
{
    public UdpDatagram Decode(IPEndPoint from, byte[] data)
    {
        var ip = from.Address.IsIPv4MappedToIPv6 ? from.Address.MapToIPv4() : from.Address;
        if (netRestrict is { } nets && !nets.Any(n => n.Contains(ip)))
            return new UdpDatagram(from, data);
        try
        {
            return new UdpDatagram(from, data, Discv4Codec.Decode(data, secp));
        }
        catch (Discv4PacketException e)
        {
            return new UdpDatagram(from, data, Error: e);
        }
        catch (Exception)
        {
            // Not a packet fault (the codec throws nothing else for bad input): the actor decodes it
            // again and fails under its supervisor, rather than this killing the receive loop.
            return new UdpDatagram(from, data);
        }
    }
}
