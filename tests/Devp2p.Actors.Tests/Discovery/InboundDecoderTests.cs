using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Discovery.Transport;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>
/// The receive-thread decoding: a good packet arrives decoded with its signer, a bad one with its error,
/// one from outside NetRestrict unread; and a real socket hands every datagram to the callback in order.
/// </summary>
public sealed class InboundDecoderTests
{
    private static readonly IPEndPoint From = new(IPAddress.Parse("10.0.0.1"), 30303);
    private static readonly byte[] Key = Secp256k1.GeneratePrivateKey();
    private static readonly NodeId Signer = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Key));

    private static byte[] Ping(ulong seq = 1) => Discv4Codec.Encode(
        new PingPacket(new NodeEndpoint(From.Address, 30303, 30303), new NodeEndpoint(IPAddress.Loopback, 30303, 0),
            Discv4Expiration.From(DateTimeOffset.UtcNow), seq), Key);

    [Fact]
    public void A_good_packet_arrives_decoded_with_its_signer_and_hash()
    {
        var data = Ping();

        var datagram = new InboundDecoder(Secp256k1.Default, null).Decode(From, data);

        Assert.Null(datagram.Error);
        Assert.NotNull(datagram.Decoded);
        Assert.Equal(Signer, datagram.Decoded.Sender);
        Assert.IsType<PingPacket>(datagram.Decoded.Packet);
        Assert.Equal(data[..32], datagram.Decoded.Hash.ToArray());
        Assert.Same(data, datagram.Data);
    }

    [Theory]
    [InlineData(0, Discv4PacketError.BadHash)]     // a flipped hash byte
    [InlineData(40, Discv4PacketError.BadHash)]    // a flipped signature byte changes what the hash covers
    [InlineData(-1, Discv4PacketError.TooSmall)]   // cut to 50 bytes
    public void A_bad_packet_arrives_with_its_error_and_no_packet(int flip, Discv4PacketError expected)
    {
        var data = Ping();
        if (flip >= 0)
            data[flip] ^= 0xff;
        else
            data = data[..50];

        var datagram = new InboundDecoder(Secp256k1.Default, null).Decode(From, data);

        Assert.Null(datagram.Decoded);
        Assert.Equal(expected, datagram.Error?.Error);
    }

    [Fact]
    public void A_source_outside_net_restrict_is_not_decoded_and_one_inside_is()
    {
        var decoder = new InboundDecoder(Secp256k1.Default, [IpPrefix.Parse("10.0.0.0/8")]);

        var outside = decoder.Decode(new IPEndPoint(IPAddress.Parse("192.168.1.1"), 30303), Ping());
        var inside = decoder.Decode(From, Ping());
        var mapped = decoder.Decode(new IPEndPoint(From.Address.MapToIPv6(), 30303), Ping());

        Assert.Null(outside.Decoded);
        Assert.Null(outside.Error);
        Assert.NotNull(inside.Decoded);
        Assert.NotNull(mapped.Decoded);
    }

    [Fact]
    public void The_socket_transport_delivers_every_datagram_in_order()
    {
        using var receiver = new SocketUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new SocketUdpTransport(new IPEndPoint(IPAddress.Loopback, 0));
        var received = new System.Collections.Concurrent.BlockingCollection<(IPEndPoint From, byte[] Data)>();
        receiver.Start((from, data) => received.Add((from, data)));
        sender.Start((_, _) => { });

        for (ulong seq = 1; seq <= 20; seq++)
            sender.Send(receiver.LocalEndPoint, Ping(seq));

        for (ulong seq = 1; seq <= 20; seq++)
        {
            Assert.True(received.TryTake(out var item, global::Devp2p.Actors.Tests.Hostile.HostileScale.Patience(10)), $"datagram {seq} did not arrive");
            Assert.Equal(sender.LocalEndPoint, item.From);
            var ping = (PingPacket)Discv4Codec.Decode(item.Data).Packet;
            Assert.Equal(seq, ping.EnrSeq);
        }
    }
}
