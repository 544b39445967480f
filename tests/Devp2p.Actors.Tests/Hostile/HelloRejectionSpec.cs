using Devp2p.Actors.Events;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// Remotes that complete the enc handshake and then present themselves wrongly, against a whole node:
/// each gets the Disconnect reason geth would send, and the node keeps serving.
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class HelloRejectionSpec(ITestOutputHelper output) : TestKit(output)
{
    [Fact]
    public async Task A_remote_with_our_own_key_is_self()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var remote = await node.DialAsync(key: node.Settings.PrivateKey);
        // Refused at the post-handshake checkpoint, before any Hello.
        var (code, payload) = await remote.ReadAsync();
        Assert.Equal(P2pMessageCodes.Disconnect, code);
        Assert.Equal(DisconnectReason.Self, Disconnect.Decode(payload));
    }

    [Fact]
    public async Task A_hello_with_another_id_than_the_handshake_key_is_unexpected_identity()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var remote = await node.DialAsync();
        var other = NodeIdOf(Secp256k1.GeneratePrivateKey());
        await remote.SendAsync(P2pMessageCodes.Hello, remote.CreateHello([HostileNode.Echo], other).Encode());
        Assert.Equal(DisconnectReason.UnexpectedIdentity, await remote.ReadDisconnectAsync());
    }

    [Fact]
    public async Task A_hello_with_our_own_id_is_unexpected_identity()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var remote = await node.DialAsync();
        await remote.SendAsync(P2pMessageCodes.Hello, remote.CreateHello([HostileNode.Echo], node.Id.Bytes.ToArray()).Encode());
        Assert.Equal(DisconnectReason.UnexpectedIdentity, await remote.ReadDisconnectAsync());
    }

    [Fact]
    public async Task No_shared_capability_is_useless_peer()
    {
        await using var node = await HostileNode.StartAsync(Sys);
        var remote = await node.DialAsync();
        var result = await remote.ExchangeHelloAsync(new Capability("eth", 68), new Capability("snap", 1));
        Assert.NotNull(result.Remote);
        Assert.Equal(DisconnectReason.UselessPeer, await remote.ReadDisconnectAsync());
    }

    [Fact]
    public async Task A_hello_over_2_KiB_is_a_protocol_error_and_one_just_under_is_admitted()
    {
        await using var node = await HostileNode.StartAsync(Sys);

        var big = await node.DialAsync();
        var tooLarge = HelloOfSize(big, global::Devp2p.Actors.Peers.PeerActor.MaxHelloSize + 1);
        Assert.Equal(global::Devp2p.Actors.Peers.PeerActor.MaxHelloSize + 1, tooLarge.Length);
        await big.SendAsync(P2pMessageCodes.Hello, tooLarge);
        Assert.Equal(DisconnectReason.ProtocolError, await big.ReadDisconnectAsync());

        var fits = await node.DialAsync();
        var justRight = HelloOfSize(fits, global::Devp2p.Actors.Peers.PeerActor.MaxHelloSize);
        await fits.SendAsync(P2pMessageCodes.Hello, justRight);
        Assert.Equal(P2pMessageCodes.Hello, (await fits.ReadAsync()).Code);
        fits.Connection.EnableSnappy(); // both sides said v5
        await HostileNode.EchoAsync(fits, [0x05]);
    }

    [Fact]
    public async Task Past_max_peers_is_too_many_peers()
    {
        await using var node = await HostileNode.StartAsync(Sys, s => s with { MaxPeers = 1 });
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(PeerAdded));
        var first = await node.ConnectPeerAsync();
        events.ExpectMsg<PeerAdded>(HostileScale.Patience(5));

        var second = await node.DialAsync();
        var (code, payload) = await second.ReadAsync();
        Assert.Equal(P2pMessageCodes.Disconnect, code);
        Assert.Equal(DisconnectReason.TooManyPeers, Disconnect.Decode(payload));
        await HostileNode.EchoAsync(first, [0x06]);
    }

    private static byte[] NodeIdOf(byte[] key) => Secp256k1.Default.CreatePublicKey(key);

    /// <summary>A valid Hello from <paramref name="remote"/> whose encoding is exactly <paramref name="size"/> bytes (a padded client id).</summary>
    private static byte[] HelloOfSize(Support.RemotePeer remote, int size)
    {
        for (int pad = Math.Max(0, size - 200); pad <= size; pad++)
        {
            var encoded = new Hello(P2pMessageCodes.P2pVersion, new string('x', pad), [HostileNode.Echo], 0, remote.Id.Bytes.ToArray()).Encode();
            if (encoded.Length == size)
                return encoded;
            if (encoded.Length > size)
                break;
        }
        throw new InvalidOperationException($"no Hello of exactly {size} bytes");
    }
}
