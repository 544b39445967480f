using Devp2p.Kernel;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Eth;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Protocols.Eth;

/// <summary>
/// eth/68 for one peer, as far as the Status handshake: sends our Status at start, expects the
/// remote's within <see cref="EthProtocolOptions.StatusTimeout"/>, and checks it as geth's
/// eth/protocols/eth/handshake.go does. Every failure ends the connection with the reason geth's
/// p2p layer gives the error (discReasonForError): a timeout is <c>ReadTimeout</c>, anything else
/// (malformed or oversized message, non-Status first message, network/version/genesis mismatch,
/// rejected fork id, a second Status) is <c>SubprotocolError</c>. Once accepted it publishes an
/// <see cref="EthPeerInfo"/> and stays up, counting and ignoring further eth messages.
/// </summary>
public sealed class EthStatusActor : ProtocolActor, IWithTimers
{
    private readonly EthProtocolOptions _options;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private long _ignored;
    private bool _handshakeCompleted;

    public EthStatusActor(ProtocolContext context, EthProtocolOptions options)
        : base(context)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        AwaitingStatus();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        // The timer first: whoever sees our Status can rely on the deadline being armed.
        Timers.StartSingleTimer(StatusTimeout.Instance, StatusTimeout.Instance, _options.StatusTimeout);
        Send(EthMessageCodes.Status, _options.LocalStatus(Peer.Capability.Version).Encode());
    }

    private void AwaitingStatus()
    {
        Receive<ProtocolMessage>(OnFirstMessage);
        Receive<StatusTimeout>(_ => Fail(DisconnectReason.ReadTimeout, $"no Status within {_options.StatusTimeout.TotalSeconds} s"));
        Receive<GetEthPeerStats>(_ => ReplyStats());
    }

    private void Running()
    {
        Receive<ProtocolMessage>(OnMessage);
        Receive<GetEthPeerStats>(_ => ReplyStats());
    }

    private void Closed()
    {
        Receive<GetEthPeerStats>(_ => ReplyStats());
        ReceiveAny(_ => { }); // the PeerActor is disconnecting and will stop us
    }

    private void OnFirstMessage(ProtocolMessage message)
    {
        if (message.Code != EthMessageCodes.Status)
        {
            Fail(DisconnectReason.SubprotocolError, $"no status message: first msg has code {message.Code:x} (!= 0)");
            return;
        }
        if (TooLarge(message))
            return;
        StatusMessage status;
        try
        {
            status = StatusMessage.Decode(message.Payload.Span);
        }
        catch (EthMessageException ex)
        {
            Fail(DisconnectReason.SubprotocolError, ex.Message);
            return;
        }
        var head = _options.Head;
        var verdict = StatusCheck.Check(status, Peer.Capability.Version, _options.Chain, head.Number, head.Time);
        if (!verdict.IsOk)
        {
            Fail(DisconnectReason.SubprotocolError, verdict.Message);
            return;
        }
        Timers.Cancel(StatusTimeout.Instance);
        _handshakeCompleted = true;
        _log.Debug("eth handshake with {PeerId} done: {Status}", Peer.PeerId, status);
        PublishInfo(EthPeerInfo.From(status));
        Become(Running);
    }

    private void OnMessage(ProtocolMessage message)
    {
        if (message.Code == EthMessageCodes.Status)
        {
            Fail(DisconnectReason.SubprotocolError, "extra status message");
            return;
        }
        if (TooLarge(message))
            return;
        _ignored++;
    }

    private bool TooLarge(ProtocolMessage message)
    {
        if (message.Payload.Length <= EthMessageCodes.MaxMessageSize)
            return false;
        Fail(DisconnectReason.SubprotocolError, $"message too long: {message.Payload.Length} > {EthMessageCodes.MaxMessageSize}");
        return true;
    }

    private void Fail(DisconnectReason reason, string why)
    {
        _log.Debug("eth handshake with {PeerId} failed ({Reason}): {Why}", Peer.PeerId, reason.Describe(), why);
        Timers.Cancel(StatusTimeout.Instance);
        Disconnect(reason);
        Become(Closed);
    }

    private void ReplyStats() => Sender.Tell(new EthPeerStats(_handshakeCompleted, _ignored), Self);

    private sealed class StatusTimeout
    {
        public static readonly StatusTimeout Instance = new();
    }
}
