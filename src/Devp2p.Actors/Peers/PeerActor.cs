using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

/// <summary>
/// One connection, from the first byte to the last: enc handshake, the post-handshake checkpoint,
/// the Hello exchange, the add-peer checkpoint, running the matched sub-protocols, and closing —
/// one behaviour per stage. Socket work runs on tasks this actor owns and comes back as messages;
/// every deadline is an actor timer, so the TestKit's virtual time drives them. Every path ends in
/// <see cref="PeerClosed"/> to the parent, exactly once, and then the actor stops. A child of the
/// ServerActor (its parent answers the checkpoints).
/// </summary>
public sealed partial class PeerActor : ReceiveActor, IWithTimers
{
    private readonly PeerSetup _setup;
    private readonly ServerSettings _settings;
    private ILoggingAdapter _log = null!;
    // Reads (and the handshakes) stop when closing starts; writes only when the socket closes,
    // so a frame in progress is never cut and our Disconnect can still follow it.
    private readonly CancellationTokenSource _readCancellation = new();
    private readonly CancellationTokenSource _writeCancellation = new();
    private readonly List<Task> _ioTasks = [];
    private RlpxConnection? _connection;
    private NodeId? _remoteId;
    private PeerCloseCause? _closeCause;
    private bool _finished;
    private bool _released;

    private PeerActor(PeerSetup setup, ServerSettings settings)
    {
        _setup = setup;
        _settings = settings;
        InitDiagnostics();
        EncHandshakeStage();
    }

    /// <summary>The engine's <see cref="PeerPropsFactory"/>.</summary>
    public static Props Props(PeerSetup setup, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(settings);
        return Kernel.Props.Create(() => new PeerActor(setup, settings));
    }

    /// <summary>Set by the runtime.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private IScheduler Clock => Context.System.Scheduler;

    private string Who => _remoteId?.ToShortString() ?? _setup.RemoteEndPoint?.ToString() ?? "?";

    protected override void PreStart() => StartEncHandshake();

    protected override void PostStop() => ReleaseResources();

    /// <summary>
    /// A PeerActor that threw is not worth a second life on a half-used socket: the failed instance's
    /// PostStop released it; the new one reports the connection closed and stops.
    /// </summary>
    protected override void PostRestart(Exception reason)
    {
        _released = true;
        Context.Parent.Tell(new PeerClosed(null, DisconnectReason.NetworkError, false, "peer actor failed: " + reason.Message));
        Context.Stop(Self);
    }

    /// <summary>Handlers every stage before closing shares.</summary>
    private void CommonHandlers()
    {
        Receive<DisconnectPeer>(d => Close(PeerCloseCause.Local(d.Reason, "disconnect requested by the server")));
        Receive<ToProtocol>(t => Sender.Tell(new Status.Failure(new InvalidOperationException(
            $"peer {Who} is not running its protocols yet; no '{t.Protocol}' to deliver to"))));
        Receive<EncHandshakeDone>(d => _ = d.Connection.DisposeAsync().AsTask());
        Receive<Terminated>(_ => { });
    }

    private void Track(Task task)
    {
        _ioTasks.RemoveAll(t => t.IsCompleted);
        _ioTasks.Add(task);
    }
}
