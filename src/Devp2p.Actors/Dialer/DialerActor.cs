using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Discovery;
using Devp2p.Actors.Peers;
using Devp2p.Kernel;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Dialer;

/// <summary>
/// Keeps the node's outbound share of peers filled (geth's dialScheduler loop): dials static nodes
/// first, then candidates pulled from discovery, within the <see cref="DialScheduler"/>'s slots, and
/// hands each connected stream to the server. It learns of peers from the server, never from the
/// peers themselves. On start it asks the server for the state (<see cref="DialerStarted"/>) and
/// dials nothing until <see cref="DialerSync"/> comes, so a restart after a failure picks up where
/// the server is.
/// </summary>
public sealed class DialerActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    /// <summary>After an answer from discovery that gave nothing to dial, wait this long before asking again.</summary>
    public static readonly TimeSpan CandidateRetryInterval = TimeSpan.FromSeconds(2);

    /// <summary>A GetDialCandidates that gets no answer in this time is given up (discovery may have restarted).</summary>
    public static readonly TimeSpan CandidateRequestTimeout = TimeSpan.FromSeconds(5);

    private readonly ServerSettings _settings;
    private readonly IActorRef _server;
    private readonly ITcpConnector _connector;
    private readonly DialScheduler _scheduler;
    private readonly Dictionary<NodeId, DialAttempt> _attempts = new();
    private readonly ILoggingAdapter _log;
    private readonly NodeMetrics _metrics;
    private IActorRef? _discovery;
    private bool _awaitingCandidates;

    public ITimerScheduler Timers { get; set; } = null!;
    public IStash Stash { get; set; } = null!;

    public static Props Props(ServerSettings settings, NodeId self, IActorRef server, ITcpConnector connector, Random? random = null) =>
        Kernel.Props.Create(() => new DialerActor(settings, self, server, connector, random));

    private DialerActor(ServerSettings settings, NodeId self, IActorRef server, ITcpConnector connector, Random? random)
    {
        _settings = settings;
        _server = server;
        _connector = connector;
        (_metrics, _log) = (NodeMetrics.For(settings.PrivateKey), Context.GetLogger().ForNode(settings.PrivateKey));
        var system = Context.System;
        _scheduler = new DialScheduler(DialSchedulerOptions.From(settings, self), () => system.Scheduler.MonotonicClock, random);

        Receive<DialerSync>(sync =>
        {
            ApplySync(sync);
            Become(Running);
            Stash.UnstashAll();
            Schedule();
        });
        ReceiveAny(_ => Stash.Stash());
    }

    protected override void PreStart() => _server.Tell(DialerStarted.Instance, Self);

    protected override void PostStop()
    {
        foreach (var attempt in _attempts.Values)
        {
            attempt.Abandon();
            attempt.Dispose();
        }
        _attempts.Clear();
    }

    private void ApplySync(DialerSync sync)
    {
        foreach (var node in sync.StaticNodes) _scheduler.AddStatic(node);
        foreach (var peer in sync.Peers) _scheduler.PeerAdded(peer.Id, peer.Inbound);
        foreach (var id in sync.PendingInbound) _scheduler.InboundPending(id);
        _discovery = sync.Discovery;
    }

    private void Running()
    {
        Receive<AddStaticNode>(m =>
        {
            _scheduler.AddStatic(m.Node);
            Schedule();
        });
        Receive<RemoveStaticNode>(m => _scheduler.RemoveStatic(m.Node));
        Receive<DiscoveryAvailable>(m =>
        {
            _discovery = m.Discovery;
            _awaitingCandidates = false;
            Schedule();
        });
        Receive<PeerConnected>(m =>
        {
            _scheduler.PeerAdded(m.Id, m.Inbound);
            Schedule();
        });
        Receive<PeerDisconnected>(m =>
        {
            _scheduler.PeerRemoved(m.Id);
            Schedule();
        });
        Receive<DialEnded>(m =>
        {
            _scheduler.DialFailed(m.Destination);
            Schedule();
        });
        Receive<InboundPending>(m => _scheduler.InboundPending(m.Id));
        Receive<InboundEnded>(m =>
        {
            _scheduler.InboundEnded(m.Id);
            Schedule();
        });
        Receive<DialCandidates>(OnCandidates);
        Receive<DialResult>(OnDialResult);
        Receive<DialTimedOut>(OnDialTimedOut);
        Receive<Tick>(_ => Schedule());
        Receive<GetDialerStatus>(_ => Sender.Tell(new DialerStatus(
            _scheduler.DialingCount, _scheduler.DialedPeers, _scheduler.FreeSlots, _awaitingCandidates, Timers.IsTimerActive(CandidateRetryKey)), Self));
        Receive<CandidateRequestExpired>(_ =>
        {
            _awaitingCandidates = false;
            Schedule();
        });
    }

    /// <summary>Starts what the slots allow: static dials, then a request to discovery for the rest.</summary>
    private void Schedule()
    {
        foreach (var node in _scheduler.StartStaticDials()) StartDial(node, isStatic: true);
        var free = _scheduler.FreeSlots;
        if (free > 0 && _discovery is not null && !_awaitingCandidates && !Timers.IsTimerActive(CandidateRetryKey))
        {
            _awaitingCandidates = true;
            _discovery.Tell(new GetDialCandidates(free), Self);
            Timers.StartSingleTimer(CandidateTimeoutKey, CandidateRequestExpired.Instance, CandidateRequestTimeout);
        }
        if (_scheduler.NextStaticDue() is { } due) Timers.StartSingleTimer(StaticDueKey, Tick.Instance, due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1));
        else Timers.Cancel(StaticDueKey);
    }

    private void OnCandidates(DialCandidates answer)
    {
        _awaitingCandidates = false;
        Timers.Cancel(CandidateTimeoutKey);
        var started = 0;
        foreach (var node in answer.Nodes)
        {
            if (node is null) continue;
            if (_scheduler.FreeSlots <= 0) break;
            var refusal = _scheduler.TryStartDial(node);
            if (refusal == DialRefusal.None)
            {
                StartDial(node, _scheduler.IsStatic(node.Id));
                started++;
            }
            else
            {
                _log.Debug("Not dialing {RemoteId}: {Reason}", node.Id.ToShortString(), refusal);
            }
        }
        if (started == 0) Timers.StartSingleTimer(CandidateRetryKey, Tick.Instance, CandidateRetryInterval);
        Schedule();
    }

    private void StartDial(EnodeUrl node, bool isStatic)
    {
        var attempt = new DialAttempt(node, isStatic);
        _attempts[node.Id] = attempt;
        Timers.StartSingleTimer(DialTimeoutKey(node.Id), new DialTimedOut(node.Id, attempt), _settings.DialTimeout);
        _log.Debug("Dialing {RemoteId} at {RemoteEndPoint} (static: {Static})", node.Id.ToShortString(), node.TcpEndPoint, isStatic);
        var self = Self;
        Task<Stream> connect;
        try
        {
            connect = _connector.ConnectAsync(node.TcpEndPoint!, attempt.Cancellation.Token);
        }
        catch (Exception e)
        {
            connect = Task.FromException<Stream>(e);
        }
        connect.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                if (attempt.Stream.Offer(t.Result)) self.Tell(new DialResult(node.Id, attempt, null), self);
            }
            else
            {
                var error = t.Exception?.GetBaseException() ?? new OperationCanceledException("dial cancelled");
                self.Tell(new DialResult(node.Id, attempt, error), self);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnDialResult(DialResult result)
    {
        if (!_attempts.TryGetValue(result.Id, out var current) || !ReferenceEquals(current, result.Attempt)) return;
        _attempts.Remove(result.Id);
        Timers.Cancel(DialTimeoutKey(result.Id));
        current.Dispose();
        if (result.Error is null && current.Stream.TryTake(out var stream))
        {
            var (local, remote) = Endpoints(stream, current.Node);
            var setup = new PeerSetup(stream, Inbound: false, remote, local, current.Node.Id) { Static = current.IsStatic };
            _metrics.Dial("connected");
            _server.Tell(new DialConnected(setup), Self);
            return;
        }
        _metrics.Dial("failed");
        _log.Debug("Dial to {RemoteId} failed: {Reason}", result.Id.ToShortString(), result.Error?.Message);
        _scheduler.DialFailed(result.Id);
        Schedule();
    }

    private void OnDialTimedOut(DialTimedOut timeout)
    {
        if (!_attempts.TryGetValue(timeout.Id, out var current) || !ReferenceEquals(current, timeout.Attempt)) return;
        _attempts.Remove(timeout.Id);
        current.Abandon();
        current.Dispose();
        _metrics.Dial("timeout");
        _log.Debug("Dial to {RemoteId} timed out after {Timeout}", timeout.Id.ToShortString(), _settings.DialTimeout);
        _scheduler.DialFailed(timeout.Id);
        Schedule();
    }

    private static (System.Net.IPEndPoint? Local, System.Net.IPEndPoint? Remote) Endpoints(Stream stream, EnodeUrl node)
    {
        if (stream is System.Net.Sockets.NetworkStream network)
        {
            try
            {
                return (network.Socket.LocalEndPoint as System.Net.IPEndPoint, network.Socket.RemoteEndPoint as System.Net.IPEndPoint ?? node.TcpEndPoint);
            }
            catch (ObjectDisposedException)
            {
            }
        }
        return (null, node.TcpEndPoint);
    }

    private static readonly object CandidateRetryKey = "candidate-retry";
    private static readonly object CandidateTimeoutKey = "candidate-timeout";
    private static readonly object StaticDueKey = "static-due";

    private static object DialTimeoutKey(NodeId id) => ("dial", id);

    private sealed record DialResult(NodeId Id, DialAttempt Attempt, Exception? Error);

    private sealed record DialTimedOut(NodeId Id, DialAttempt Attempt);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record CandidateRequestExpired
    {
        public static CandidateRequestExpired Instance { get; } = new();
    }
}
