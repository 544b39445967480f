using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// A sub-protocol whose actor throws on every message: each peer that speaks it is disconnected with
/// SubprotocolError as soon as it sends one, while the server and the peers on other protocols go on.
/// (PeerRunningSpec.A_crashing_protocol_actor_disconnects_with_subprotocol_error is the PeerActor-level
/// version; ServerEventsSpec.A_crashing_peer_actor_is_dropped_with_a_reason_and_its_slot_and_stream_are_freed the PeerActor crash.)
/// </summary>
[Collection(HostileCollection.Name)]
[Trait("Category", "Hostile")]
public sealed class ThrowingProtocolSpec(ITestOutputHelper output) : TestKit(output)
{
    private static readonly Capability Boom = new("boom", 1);

    private static readonly ProtocolRegistration BoomRegistration =
        new(Boom.Name, Boom.Version, 1, context => Props.Create(() => new BoomActor(context)));

    [Fact]
    public async Task Each_peer_of_a_throwing_protocol_is_disconnected_and_the_rest_go_on()
    {
        await using var node = await HostileNode.StartAsync(Sys, s => s with { Protocols = [EchoProtocol.Registration, BoomRegistration] });
        var drops = CreateTestProbe();
        Sys.EventStream.Subscribe(drops.Ref, typeof(PeerDropped));
        var bystander = await node.ConnectPeerAsync(HostileNode.Echo);

        for (int i = 0; i < 3; i++)
        {
            var victim = await node.ConnectPeerAsync(HostileNode.Echo, Boom);
            // Capabilities are ordered by name: boom/1 takes 0x10, echo/1 0x11-0x12.
            await HostileNode.EchoAsync(victim, [0x0a], offset: 0x11); // its echo works until it touches boom/1
            await victim.SendAsync(0x10, [0xc0]);

            Assert.Equal(DisconnectReason.SubprotocolError, await victim.ReadDisconnectAsync());
            var dropped = drops.ExpectMsg<PeerDropped>(HostileScale.Patience(5));
            Assert.Equal(victim.Id, dropped.PeerId);
            Assert.Equal(DisconnectReason.SubprotocolError, dropped.Reason);
            await HostileNode.EchoAsync(bystander, [(byte)i]);
        }
        Assert.Equal(bystander.Id, Assert.Single(await node.WaitForPeersAsync(1)).Id);
    }

    private sealed class BoomActor : ProtocolActor
    {
        public BoomActor(ProtocolContext context) : base(context) =>
            Receive<ProtocolMessage>(m => throw new InvalidOperationException($"boom on code {m.Code}"));
    }
}
