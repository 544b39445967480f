using System.Runtime.InteropServices;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols.Echo;

/// <summary>
/// Serves echo/1 for one peer: answers each request with the same payload, and sends a user's
/// <see cref="EchoSend"/> as a request, answering the asker when the reply comes (replies come in
/// request order, so a FIFO of askers matches them). A remote that lets more than
/// <see cref="MaxOutstanding"/> requests go unanswered gets further senders a failure, not more memory;
/// a reply nobody asked for is a breach of protocol.
/// </summary>
public sealed class EchoProtocolActor : ProtocolActor
{
    /// <summary>Requests awaiting a reply, at most.</summary>
    public const int MaxOutstanding = 1024;

    private readonly Queue<IActorRef> _askers = new();

    public EchoProtocolActor(ProtocolContext context) : base(context)
    {
        Receive<ProtocolMessage>(OnMessage);
        Receive<EchoSend>(OnSend);
    }

    private void OnSend(EchoSend send)
    {
        if (_askers.Count >= MaxOutstanding)
        {
            Sender.Tell(new Status.Failure(new InvalidOperationException($"{MaxOutstanding} echo requests to {Peer.PeerId.ToShortString()} are unanswered")));
            return;
        }
        _askers.Enqueue(Sender);
        Send(EchoProtocol.RequestCode, send.Payload);
    }

    private void OnMessage(ProtocolMessage message)
    {
        switch (message.Code)
        {
            case EchoProtocol.RequestCode:
                Send(EchoProtocol.ReplyCode, message.Payload);
                break;
            case EchoProtocol.ReplyCode when _askers.TryDequeue(out var asker):
                var reply = new EchoReply(Peer.PeerId, OwnedArray(message.Payload));
                asker.Tell(reply, Self);
                var events = Context.System.EventStream;
                if (events.HasSubscribers<EchoReply>())
                    events.Publish(reply);
                break;
            default:
                Disconnect(DisconnectReason.ProtocolError);
                break;
        }
    }

    /// <summary>
    /// The payload as an array without a copy when it already is one whole array: a ProtocolMessage's payload
    /// belongs to this actor, so handing it on to the asker is safe.
    /// </summary>
    internal static byte[] OwnedArray(ReadOnlyMemory<byte> payload) =>
        MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : payload.ToArray();
}
