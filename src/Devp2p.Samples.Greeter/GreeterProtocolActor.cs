using System.Text;
using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Samples.Greeter;

/// <summary>
/// Serves greet/1 for one peer: answers each Greet with a Greeting, and sends a user's
/// <see cref="SayHello"/> as a Greet, answering the asker when the Greeting comes (in order, so a FIFO of
/// askers matches them). Bad input — a payload that is not one short UTF-8 RLP string, a Greeting nobody
/// asked for, an unknown code — disconnects the peer with ProtocolError; it never throws.
/// </summary>
public sealed class GreeterProtocolActor : ProtocolActor
{
    /// <summary>Greets awaiting a Greeting, at most; further askers get a failure.</summary>
    public const int MaxOutstanding = 64;

    private readonly Queue<IActorRef> _askers = new();
    private readonly string _signature;

    public GreeterProtocolActor(ProtocolContext context, string signature) : base(context)
    {
        _signature = signature;
        Receive<ProtocolMessage>(OnMessage);
        Receive<SayHello>(OnSayHello);
    }

    private void OnSayHello(SayHello hello)
    {
        if (_askers.Count >= MaxOutstanding || Encoding.UTF8.GetByteCount(hello.Name) > GreeterProtocol.MaxTextBytes)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException(
                $"cannot greet {Peer.PeerId.ToShortString()}: too many greetings outstanding or name over {GreeterProtocol.MaxTextBytes} bytes")));
            return;
        }
        _askers.Enqueue(Sender);
        Send(GreeterProtocol.GreetCode, GreeterProtocol.EncodeText(hello.Name));
    }

    private void OnMessage(ProtocolMessage message)
    {
        string text;
        try
        {
            text = GreeterProtocol.DecodeText(message.Payload.Span);
        }
        catch (FormatException)
        {
            Disconnect(DisconnectReason.ProtocolError);
            return;
        }
        switch (message.Code)
        {
            case GreeterProtocol.GreetCode:
                var greeting = GreeterProtocol.GreetingFor(text, _signature);
                Send(GreeterProtocol.GreetingCode, GreeterProtocol.EncodeText(Truncate(greeting)));
                break;
            case GreeterProtocol.GreetingCode when _askers.TryDequeue(out var asker):
                var answer = new Greeting(Peer.PeerId, text);
                asker.Tell(answer, Self);
                Context.System.EventStream.Publish(answer);
                break;
            default:
                Disconnect(DisconnectReason.ProtocolError);
                break;
        }
    }

    private static string Truncate(string text)
    {
        while (Encoding.UTF8.GetByteCount(text) > GreeterProtocol.MaxTextBytes)
            text = text[..^(char.IsLowSurrogate(text[^1]) && text.Length > 1 ? 2 : 1)];
        return text;
    }
}
