namespace Devp2p.Kernel;

/// <summary>
/// A parent that keeps one child alive with exponential backoff between restarts, forwarding every other message
/// to the current child (to dead letters while it waits). Use for long-lived children whose failures are likely
/// external (a socket, a peer): restarting at once would spin.
/// </summary>
public sealed class BackoffSupervisor : ReceiveActor
{
    /// <summary>Ask for the current child; replies <see cref="CurrentChild"/> (Nobody while waiting).</summary>
    public sealed class GetCurrentChild
    {
        public static readonly GetCurrentChild Instance = new();
        private GetCurrentChild() { }
    }

    public sealed record CurrentChild(IActorRef Ref);

    /// <summary>Ask for how many restarts happened since the last reset; replies <see cref="RestartCount"/>.</summary>
    public sealed class GetRestartCount
    {
        public static readonly GetRestartCount Instance = new();
        private GetRestartCount() { }
    }

    public sealed record RestartCount(int Count);

    /// <summary>Resets the restart count to zero.</summary>
    public sealed class Reset
    {
        public static readonly Reset Instance = new();
        private Reset() { }
    }

    private sealed record StartChild;
    private sealed record ResetRestartCount(int Current);

    private readonly BackoffOptions _options;
    private IActorRef? _child;
    private int _restartCount;
    private bool _childFailed;

    public static Props Props(BackoffOptions options) => Kernel.Props.Create(() => new BackoffSupervisor(options));

    private BackoffSupervisor(BackoffOptions options)
    {
        _options = options;

        Receive<Terminated>(t => t.ActorRef.Equals(_child), t => OnChildTerminated());
        Receive<StartChild>(_ => StartChildNow());
        Receive<ResetRestartCount>(r =>
        {
            if (r.Current == _restartCount) _restartCount = 0;
        });
        Receive<GetCurrentChild>(_ => Sender.Tell(new CurrentChild(_child ?? ActorRefs.Nobody), Self));
        Receive<GetRestartCount>(_ => Sender.Tell(new RestartCount(_restartCount), Self));
        Receive<Reset>(_ => _restartCount = 0);
        ReceiveAny(m =>
        {
            if (_child is not null) _child.Forward(m);
            else Context.System.DeadLetters.Tell(m, Sender);
        });
    }

    protected override void PreStart() => StartChildNow();

    private void StartChildNow()
    {
        if (_child is not null) return;
        _childFailed = false;
        _child = Context.Watch(Context.ActorOf(_options.ChildProps, _options.ChildName));
        Context.System.Scheduler.ScheduleTellOnce(_options.ResetBackoffAfter, Self, new ResetRestartCount(_restartCount), Self);
    }

    private void OnChildTerminated()
    {
        _child = null;
        if (!_childFailed && _options.RestartOnFailureOnly)
        {
            Context.Stop(Self);
            return;
        }
        if (_options.MaxNrOfRetries >= 0 && _restartCount >= _options.MaxNrOfRetries)
        {
            Context.Stop(Self);
            return;
        }
        var delay = _options.CalculateDelay(_restartCount);
        _restartCount++;
        Context.System.Scheduler.ScheduleTellOnce(delay, Self, new StartChild(), Self);
    }

    /// <summary>A Restart decision becomes: stop the child now, start a new one after the backoff.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        var directive = _options.Decider.Decide(e);
        if (directive != Directive.Restart) return directive;
        _childFailed = true;
        return Directive.Stop;
    });

    // Keep the child across our own restarts is not attempted: a restart of the supervisor starts a fresh child.
    protected override void PreRestart(Exception reason, object? message) => base.PreRestart(reason, message);
}
