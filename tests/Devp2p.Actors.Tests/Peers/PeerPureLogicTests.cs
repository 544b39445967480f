using System.Net.Sockets;
using Devp2p.Actors.Peers;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Tests.Peers;

/// <summary>The PeerActor's pure pieces: routing table, failure → reason mapping, our Hello.</summary>
public sealed class PeerPureLogicTests
{
    private static readonly CapabilityRoutes Routes = new([new MatchedCapability("eth", 68, 0x10, 17), new MatchedCapability("snap", 1, 0x21, 8)]);

    [Theory]
    [InlineData(0x10UL, "eth", 0UL)]
    [InlineData(0x20UL, "eth", 16UL)]
    [InlineData(0x21UL, "snap", 0UL)]
    [InlineData(0x28UL, "snap", 7UL)]
    public void Wire_codes_route_to_capability_and_local_code(ulong wire, string name, ulong local)
    {
        Assert.True(Routes.TryRoute(wire, out var cap, out var code));
        Assert.Equal(name, cap.Name);
        Assert.Equal(local, code);
        Assert.True(CapabilityRoutes.TryToWire(cap, code, out var back));
        Assert.Equal(wire, back);
    }

    [Theory]
    [InlineData(0x00UL)]
    [InlineData(0x0fUL)]
    [InlineData(0x29UL)]
    [InlineData(ulong.MaxValue)]
    public void Base_codes_and_codes_beyond_every_range_do_not_route(ulong wire) =>
        Assert.False(Routes.TryRoute(wire, out _, out _));

    [Fact]
    public void Local_codes_beyond_the_length_do_not_map_to_the_wire()
    {
        Assert.False(CapabilityRoutes.TryToWire(Routes.Find("snap")!, 8, out _));
        Assert.Null(Routes.Find("les"));
    }

    [Fact]
    public void Failures_map_to_reasons()
    {
        Assert.Equal(DisconnectReason.ProtocolError, PeerCloseCause.FromException(new RlpxException(RlpxError.MacMismatch, "x"), "read").Reason);
        Assert.Equal(DisconnectReason.ProtocolError, PeerCloseCause.FromException(new RlpxException(HandshakeFailure.DecryptFailed, "x"), "enc").Reason);
        Assert.Equal(DisconnectReason.NetworkError, PeerCloseCause.FromException(new RlpxException(RlpxError.Truncated, "x"), "read").Reason);
        Assert.Equal(DisconnectReason.NetworkError, PeerCloseCause.FromException(new EndOfStreamException(), "read").Reason);
        Assert.Equal(DisconnectReason.NetworkError, PeerCloseCause.FromException(new IOException("reset", new SocketException()), "read").Reason);
        Assert.Equal(DisconnectReason.ProtocolError, PeerCloseCause.FromException(new RlpException(RlpError.UnexpectedEnd, 0, "x"), "hello").Reason);
        Assert.Equal(DisconnectReason.UnexpectedIdentity,
            PeerCloseCause.FromException(new P2pHandshakeException(DisconnectReason.UnexpectedIdentity, "x"), "hello").Reason);
        Assert.Contains("read: EndOfStreamException", PeerCloseCause.FromException(new EndOfStreamException(), "read").Detail);
    }

    [Fact]
    public void Disconnect_is_sent_unless_the_remote_asked_or_the_network_failed()
    {
        Assert.True(PeerCloseCause.Local(DisconnectReason.TooManyPeers).ShouldSendDisconnect);
        Assert.False(PeerCloseCause.Local(DisconnectReason.NetworkError).ShouldSendDisconnect);
        Assert.False(PeerCloseCause.Remote(DisconnectReason.Quitting).ShouldSendDisconnect);
        Assert.True(PeerCloseCause.Remote(DisconnectReason.Quitting).RemoteRequested);
    }

    [Fact]
    public void Our_hello_is_gethlike()
    {
        var key = Secp256k1.GeneratePrivateKey();
        var settings = new ServerSettings
        {
            PrivateKey = key,
            ClientId = "me",
            Protocols = [new("zeta", 1, 1, _ => null!), EchoProtocol.Registration, new("alpha", 2, 1, _ => null!), new("alpha", 1, 1, _ => null!)],
        };
        var hello = OurHello.Create(settings);
        Assert.Equal(5u, hello.ProtocolVersion);
        Assert.Equal("me", hello.ClientId);
        Assert.Equal([new Capability("alpha", 1), new Capability("alpha", 2), new Capability("echo", 1), new Capability("zeta", 1)], hello.Capabilities);
        Assert.Equal(0UL, hello.ListenPort);
        Assert.Equal(Secp256k1.Default.CreatePublicKey(key), hello.NodeId);
    }

    [Fact]
    public void Our_hello_is_built_once_per_settings_instance_and_equals_a_fresh_one()
    {
        var settings = new ServerSettings { PrivateKey = Secp256k1.GeneratePrivateKey(), ClientId = "cached", Protocols = [EchoProtocol.Registration] };
        var (first, firstCaps) = OurHello.For(settings);
        var (second, secondCaps) = OurHello.For(settings);
        Assert.Same(first, second);
        Assert.Same(firstCaps, secondCaps);
        var fresh = OurHello.Create(settings);
        Assert.Equal(fresh.Encode(), first.Encode());
        Assert.Equal([new LocalCapability("echo", 1, EchoProtocol.Registration.Length)], firstCaps);

        // A changed copy is another instance: its own Hello, not the cached one.
        var renamed = settings with { ClientId = "renamed" };
        Assert.Equal("renamed", OurHello.For(renamed).Hello.ClientId);
        Assert.Equal("cached", OurHello.For(settings).Hello.ClientId);
    }
}
