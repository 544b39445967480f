using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;
using Devp2p.Samples.Greeter;
using Xunit.Abstractions;

namespace Devp2p.Hosting.Tests.Greeter;

/// <summary>
/// greet/1's actor through the TestKit: a TestProbe stands in for the PeerActor, so the test sees exactly
/// what the actor asks the connection to send (ProtocolSend, with local codes) or to end (ProtocolDisconnect).
/// </summary>
public sealed class GreeterProtocolSpec(ITestOutputHelper output) : TestKit(output)
{
    private static readonly NodeId RemoteId = NodeId.FromBytes(Enumerable.Repeat((byte)7, 64).ToArray());

    private (IActorRef Actor, TestProbe Peer) Start()
    {
        var peer = CreateTestProbe("peer");
        var hello = new Hello(5, "remote/test", [new Capability(GreeterProtocol.Name, GreeterProtocol.Version)], 0, new byte[64]);
        var context = new ProtocolContext(RemoteId, hello,
            new MatchedCapability(GreeterProtocol.Name, GreeterProtocol.Version, 0x10, GreeterProtocol.Length), false, null, peer.Ref);
        var actor = Sys.ActorOf(GreeterProtocol.Registration("tester").CreateProps(context), "greet");
        return (actor, peer);
    }

    [Fact]
    public void A_Greet_is_answered_with_a_Greeting()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(GreeterProtocol.GreetCode, GreeterProtocol.EncodeText("Alice")));
        var sent = peer.ExpectMsg<ProtocolSend>();
        Assert.Equal((GreeterProtocol.Name, GreeterProtocol.GreetingCode), (sent.Protocol, sent.Code));
        Assert.Equal("Hello, Alice! (tester)", GreeterProtocol.DecodeText(sent.Payload.Span));
    }

    [Fact]
    public void SayHello_sends_a_Greet_and_answers_the_asker_with_the_Greeting()
    {
        var published = CreateTestProbe();
        Sys.EventStream.Subscribe(published.Ref, typeof(Greeting));
        var (actor, peer) = Start();
        actor.Tell(new SayHello("Bob"), TestActor);
        var greet = peer.ExpectMsg<ProtocolSend>();
        Assert.Equal(GreeterProtocol.GreetCode, greet.Code);
        Assert.Equal("Bob", GreeterProtocol.DecodeText(greet.Payload.Span));

        actor.Tell(new ProtocolMessage(GreeterProtocol.GreetingCode, GreeterProtocol.EncodeText("Hi Bob")));
        Assert.Equal(new Greeting(RemoteId, "Hi Bob"), ExpectMsg<Greeting>());
        Assert.Equal("Hi Bob", published.ExpectMsg<Greeting>().Text);
    }

    [Fact]
    public void Greetings_are_matched_to_askers_in_order()
    {
        var (actor, peer) = Start();
        var first = CreateTestProbe();
        var second = CreateTestProbe();
        actor.Tell(new SayHello("one"), first.Ref);
        actor.Tell(new SayHello("two"), second.Ref);
        peer.ExpectMsg<ProtocolSend>();
        peer.ExpectMsg<ProtocolSend>();
        actor.Tell(new ProtocolMessage(GreeterProtocol.GreetingCode, GreeterProtocol.EncodeText("to one")));
        actor.Tell(new ProtocolMessage(GreeterProtocol.GreetingCode, GreeterProtocol.EncodeText("to two")));
        Assert.Equal("to one", first.ExpectMsg<Greeting>().Text);
        Assert.Equal("to two", second.ExpectMsg<Greeting>().Text);
    }

    public static TheoryData<ulong, byte[]> BadInput => new()
    {
        { GreeterProtocol.GreetingCode, GreeterProtocol.EncodeText("nobody asked") },      // a Greeting without a Greet
        { GreeterProtocol.GreetCode, RlpCodec.EncodeList(RlpCodec.EncodeUtf8("x")) },     // a list, not a string
        { GreeterProtocol.GreetCode, [0x83, 0x61] },                                      // truncated RLP
        { GreeterProtocol.GreetCode, RlpCodec.EncodeBytes([0xff, 0xfe]) },                // not UTF-8
        { GreeterProtocol.GreetCode, RlpCodec.EncodeUtf8(new string('a', GreeterProtocol.MaxTextBytes + 1)) },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Bad_input_disconnects_the_peer_with_ProtocolError(ulong code, byte[] payload)
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(code, payload));
        Assert.Equal(new ProtocolDisconnect(GreeterProtocol.Name, DisconnectReason.ProtocolError), peer.ExpectMsg<ProtocolDisconnect>());
    }

    [Fact]
    public void A_name_over_the_limit_fails_the_asker_and_sends_nothing()
    {
        var (actor, peer) = Start();
        actor.Tell(new SayHello(new string('a', GreeterProtocol.MaxTextBytes + 1)), TestActor);
        Assert.IsType<InvalidOperationException>(ExpectMsg<Status.Failure>().Cause);
        peer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_greeting_to_a_long_name_is_cut_to_the_limit()
    {
        var (actor, peer) = Start();
        actor.Tell(new ProtocolMessage(GreeterProtocol.GreetCode, GreeterProtocol.EncodeText(new string('é', GreeterProtocol.MaxTextBytes / 2))));
        var text = GreeterProtocol.DecodeText(peer.ExpectMsg<ProtocolSend>().Payload.Span);
        Assert.StartsWith("Hello, éé", text);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) <= GreeterProtocol.MaxTextBytes);
    }
}
