using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

// Stage 5: running the matched sub-protocols.
public sealed partial class PeerActor
{
    // Ping and Pong carry an empty RLP list; queued writes only read it, so one copy serves every peer.
    private static readonly ReadOnlyMemory<byte> EmptyList = P2pMessageCodes.EmptyListPayload.ToArray();

    private const string BaseProtocol = "p2p";

    private readonly Dictionary<string, IActorRef> _protocols = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, MatchedCapability> _protocolOf = [];
    private CapabilityRoutes _routes = new([]);
    private PeerFrameReader? _reader;
    private PeerFrameWriter? _writer;
    private TimeSpan _lastRead;
    private Exception? _protocolFailure;

    /// <summary>A failing protocol actor is stopped, and remembered, so its Terminated closes the peer with SubprotocolError.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(0, null, e =>
    {
        _protocolFailure ??= e;
        return Directive.Stop;
    });

    private void StartRunning(Hello hello, IReadOnlyList<MatchedCapability> matched)
    {
        var connection = _connection!;
        _routes = new CapabilityRoutes(matched);
        _writer = new PeerFrameWriter(connection, Self, Clock, _settings.WriteQueueCapacity, _writeCancellation.Token);
        _writer.Start();
        Track(_writer.Completion);
        _reader = new PeerFrameReader(connection, Self, _readCancellation.Token);
        Track(_reader.Start());
        _lastRead = Clock.MonotonicClock;
        Timers.StartPeriodicTimer(PeerTimers.Ping, PeerTimers.PingTick.Instance, _settings.PingInterval);
        Timers.StartSingleTimer(PeerTimers.ReadDeadline, PeerTimers.ReadDeadlineCheck.Instance, _settings.ReadTimeout);
        Timers.StartSingleTimer(PeerTimers.WriteWatchdog, PeerTimers.WriteWatchdogCheck.Instance, _settings.WriteTimeout);
        Become(RunningHandlers);
        RecordRunning();
        _log.Debug("{Peer} running [{Matched}]", Who, string.Join(", ", matched));
        foreach (var cap in matched)
        {
            if (!StartProtocol(hello, cap))
                return;
        }
    }

    private bool StartProtocol(Hello hello, MatchedCapability cap)
    {
        var registration = _settings.Protocols.First(p => p.Name == cap.Name && p.Version == cap.Version);
        try
        {
            var context = new ProtocolContext(_remoteId!, hello, cap, _setup.Inbound, _setup.RemoteEndPoint, Self)
            {
                Outlet = _settings.EnableMessageEvents ? null : new ProtocolOutlet(_writer!, cap, Self, _metrics),
            };
            var child = Context.ActorOf(registration.CreateProps(context), ChildName(cap));
            Context.Watch(child);
            _protocols[cap.Name] = child;
            _protocolOf[child] = cap;
            return true;
        }
        catch (Exception e)
        {
            _protocolFailure ??= e;
            Close(PeerCloseCause.Local(DisconnectReason.SubprotocolError, $"{cap.Capability} could not start: {e.Message}"));
            return false;
        }
    }

    private static string ChildName(MatchedCapability cap)
    {
        var name = $"{cap.Name}-{cap.Version}";
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
    }

    private void RunningHandlers()
    {
        Receive<FrameReceived>(OnFrame);
        Receive<FrameBatch>(OnFrames);
        Receive<ReadFailed>(f => Close(PeerCloseCause.FromException(f.Cause, "read")));
        Receive<WriteFailed>(f => Close(PeerCloseCause.FromException(f.Cause, "write") with { Reason = DisconnectReason.NetworkError }));
        Receive<PeerTimers.PingTick>(_ => Enqueue(P2pMessageCodes.Ping, EmptyList, BaseProtocol, P2pMessageCodes.P2pVersion, P2pMessageCodes.Ping));
        Receive<PeerTimers.ReadDeadlineCheck>(_ => CheckReadDeadline());
        Receive<PeerTimers.WriteWatchdogCheck>(_ => CheckWriteWatchdog());
        Receive<WriterIdleQuery>(_ => Sender.Tell(_writer!.WriteInProgressSince is null, Self));
        Receive<ProtocolSend>(OnProtocolSend);
        Receive<WriteQueueFull>(_ => Close(QueueFull()));
        Receive<ProtocolDisconnect>(d =>
        {
            if (_protocolOf.ContainsKey(Sender))
                Close(PeerCloseCause.Local(d.Reason, $"{d.Protocol} disconnected the peer"));
        });
        Receive<ProtocolInfoUpdate>(u =>
        {
            if (_protocolOf.ContainsKey(Sender))
                Context.Parent.Tell(new PeerProtocolInfo(_remoteId!, u.Protocol, u.Info));
        });
        Receive<ToProtocol>(t =>
        {
            if (!_protocols.TryGetValue(t.Protocol, out var child))
                Sender.Tell(new Status.Failure(new InvalidOperationException($"peer {Who} runs no protocol '{t.Protocol}'")));
            else if (t.Message is ProtocolActorQuery)
                Sender.Tell(new ProtocolActorRef(_remoteId!, t.Protocol, child), Self);
            else
                child.Tell(t.Message, Sender);
        });
        Receive<Terminated>(t =>
        {
            if (!_protocolOf.TryGetValue(t.ActorRef, out var cap))
                return;
            Close(_protocolFailure is { } e
                ? PeerCloseCause.Local(DisconnectReason.SubprotocolError, $"{cap.Capability} failed: {e.GetType().Name}: {e.Message}")
                : PeerCloseCause.Local(DisconnectReason.Quitting, $"{cap.Capability} stopped"));
        });
        CommonHandlers();
    }

    /// <summary>Each frame as if it had come alone; once one closes the peer, the rest are dropped as closing drops them.</summary>
    private void OnFrames(FrameBatch batch)
    {
        foreach (var frame in batch.Frames)
        {
            if (_closeCause is not null)
                return;
            OnFrame(frame);
        }
    }

    private void OnFrame(FrameReceived frame)
    {
        try
        {
            _lastRead = Clock.MonotonicClock;
            if (frame.Code < P2pMessageCodes.BaseProtocolLength)
            {
                Publish(BaseProtocol, P2pMessageCodes.P2pVersion, frame.Code, frame.Payload.Length, MessageDirection.Received);
                OnBaseMessage(frame);
            }
            else if (_routes.TryRoute(frame.Code, out var cap, out var local))
            {
                Publish(cap.Name, cap.Version, local, frame.Payload.Length, MessageDirection.Received);
                _protocols[cap.Name].Tell(new ProtocolMessage(local, frame.Payload), Self);
            }
            else
            {
                Close(PeerCloseCause.Local(DisconnectReason.ProtocolError, $"message code 0x{frame.Code:x} is beyond every capability"));
            }
        }
        finally
        {
            _reader?.Release();
        }
    }

    /// <summary>geth's base protocol: Ping → Pong, Disconnect ends it, anything else below 0x10 is ignored.</summary>
    private void OnBaseMessage(FrameReceived frame)
    {
        switch (frame.Code)
        {
            case P2pMessageCodes.Ping:
                Enqueue(P2pMessageCodes.Pong, EmptyList, BaseProtocol, P2pMessageCodes.P2pVersion, P2pMessageCodes.Pong);
                break;
            case P2pMessageCodes.Disconnect:
                // As geth: an undecodable reason still ends the session, as "requested".
                Close(PeerCloseCause.Remote(Disconnect.TryDecode(frame.Payload, out var reason) ? reason : DisconnectReason.Requested));
                break;
            default:
                break;
        }
    }

    private void OnProtocolSend(ProtocolSend send)
    {
        if (!_protocolOf.TryGetValue(Sender, out var cap) || cap.Name != send.Protocol)
        {
            _log.Warning("{Peer}: dropped a {Protocol} message from {Sender}, which does not serve that protocol here", Who, send.Protocol, Sender);
            return;
        }
        if (!CapabilityRoutes.TryToWire(cap, send.Code, out var wire))
        {
            _log.Warning("{Peer}: dropped {Capability} message code {Code}: beyond its length {Length}", Who, cap.Capability, send.Code, cap.Length);
            return;
        }
        Enqueue(wire, send.Payload, cap.Name, cap.Version, send.Code);
    }

    private void Enqueue(ulong wireCode, ReadOnlyMemory<byte> payload, string protocol, uint version, ulong localCode)
    {
        if (!_writer!.TryEnqueue(wireCode, payload))
        {
            Close(QueueFull());
            return;
        }
        Publish(protocol, version, localCode, payload.Length, MessageDirection.Sent);
    }

    private PeerCloseCause QueueFull() => PeerCloseCause.Local(DisconnectReason.NetworkError,
        $"write queue full ({_settings.WriteQueueCapacity} messages): the remote does not read fast enough");

    private void Publish(string protocol, uint version, ulong code, int size, MessageDirection direction)
    {
        _metrics.Message(protocol, size, direction == MessageDirection.Received);
        if (_settings.EnableMessageEvents && Context.System.EventStream.HasSubscribers<PeerMessageEvent>())
            Context.System.EventStream.Publish(new PeerMessageEvent(_remoteId!, protocol, version, code, size, direction));
    }

    /// <summary>One timer, re-armed lazily for the time left, instead of a reset per frame.</summary>
    private void CheckReadDeadline()
    {
        var idle = Clock.MonotonicClock - _lastRead;
        if (idle >= _settings.ReadTimeout)
            Close(PeerCloseCause.Local(DisconnectReason.ReadTimeout, $"nothing read for {idle.TotalSeconds:0.###} s"));
        else
            Timers.StartSingleTimer(PeerTimers.ReadDeadline, PeerTimers.ReadDeadlineCheck.Instance, _settings.ReadTimeout - idle);
    }

    private void CheckWriteWatchdog()
    {
        var since = _writer!.WriteInProgressSince;
        var busy = since is { } s ? Clock.MonotonicClock - s : TimeSpan.Zero;
        if (since is not null && busy >= _settings.WriteTimeout)
            Close(PeerCloseCause.Local(DisconnectReason.NetworkError, $"a frame write has taken {busy.TotalSeconds:0.###} s"));
        else
            Timers.StartSingleTimer(PeerTimers.WriteWatchdog, PeerTimers.WriteWatchdogCheck.Instance, _settings.WriteTimeout - busy);
    }
}
