using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>
/// A hierarchy of actors with one scheduler, event stream and dead-letter office. Top-level actors are children of
/// <c>/user</c>. <see cref="Terminate"/> stops the tree (children before parents, so every PostStop has run when the
/// returned task completes).
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Serilog.ILogger _serilog;
    private readonly RateLimitedLog _deadLetterLog;
    private readonly RateLimitedLog _unhandledLog;
    private readonly ActorCell _root;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly ActorPath _tempPath;
    private long _tempCounter;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        ValidateSystemName(name);
        Name = name;
        Settings = settings;
        _serilog = settings.Logger ?? Serilog.Core.Logger.None;
        _deadLetterLog = new RateLimitedLog(settings.DeadLetterLogLimit, settings.DeadLetterLogInterval);
        _unhandledLog = new RateLimitedLog(settings.DeadLetterLogLimit, settings.DeadLetterLogInterval);
        Scheduler = settings.SchedulerFactory?.Invoke() ?? new DedicatedThreadScheduler($"{name}-scheduler");
        EventStream = new EventStream();
        var rootPath = ActorPath.Root(name);
        DeadLetters = new DeadLetterActorRef(this, rootPath.Child("deadLetters"));
        _tempPath = rootPath.Child("temp");
        Log = CreateLogger(rootPath.ToString(), typeof(ActorSystem));
        RepeatedWarnings = new LogRateLimiter(settings.RepeatedWarningsLimit, settings.RepeatedWarningsInterval);

        _root = new ActorCell(this, new RootParentRef(this, rootPath.Child("bubble-walker")),
            Props.Create(() => new GuardianActor(SupervisorStrategy.StoppingStrategy)), rootPath.WithUid(1));
        var guardianStrategy = settings.GuardianSupervisorStrategy ?? GuardianActor.DefaultGuardianStrategy;
        _userGuardian = ((LocalActorRef)_root.ActorOf(Props.Create(() => new GuardianActor(guardianStrategy)), "user")).Cell;
        _systemGuardian = ((LocalActorRef)_root.ActorOf(Props.Create(() => new GuardianActor(GuardianActor.DefaultGuardianStrategy)), "system")).Cell;
        _root.Start();
    }

    public static ActorSystem Create(string name) => new(name, ActorSystemSettings.Default);

    public static ActorSystem Create(string name, ActorSystemSettings settings) => new(name, settings ?? ActorSystemSettings.Default);

    /// <summary>Creates a system whose kernel settings come from <paramref name="config"/> over the embedded reference.conf.</summary>
    public static ActorSystem Create(string name, Configuration.Config config) => new(name, ActorSystemSettings.FromConfig(config));

    public string Name { get; }
    public ActorSystemSettings Settings { get; }
    public IScheduler Scheduler { get; }
    public EventStream EventStream { get; }
    public IActorRef DeadLetters { get; }
    public ILoggingAdapter Log { get; }

    /// <summary>Shared limit of repeated warnings (e.g. about one bad peer): use with <see cref="RateLimitedLogging.LogLimited"/> and the scheduler's clock.</summary>
    public LogRateLimiter RepeatedWarnings { get; }

    /// <summary>Completes when every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _terminated.Task;

    /// <summary>Sender used by <c>Tell(message)</c> outside any actor for refs of this system (the TestKit sets its TestActor here).</summary>
    internal IActorRef? ImplicitSender { get; set; }

    internal IActorRef UserGuardian => _userGuardian.Self;
    internal IActorRef SystemGuardian => _systemGuardian.Self;
    internal bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    /// <summary>Creates a top-level actor under <c>/user</c>. Thread-safe.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an actor under <c>/system</c> (for kernel and engine infrastructure).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    /// <summary>Stops an actor asynchronously.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is IInternalActorRef r) r.SendSystemMessage(Dispatch.Terminate.Instance);
    }

    /// <summary>Stops every actor (children before parents) and the scheduler; the task completes after the last PostStop.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0) _root.Self.SendSystemMessage(Dispatch.Terminate.Instance);
        return WhenTerminated;
    }

    public void Dispose()
    {
        Terminate().Wait(Settings.ShutdownTimeout);
    }

    internal void FinishTermination()
    {
        Volatile.Write(ref _terminating, 1);
        (Scheduler as IDisposable)?.Dispose();
        _terminated.TrySetResult();
    }

    internal ActorPath NewTempPath() => _tempPath.Child("$" + Interlocked.Increment(ref _tempCounter));

    internal ILoggingAdapter CreateLogger(string source, Type? logClass) =>
        new LoggingAdapter(EventStream, _serilog, Settings.CategoryLevels.LevelFor(logClass?.FullName, Settings.LogLevel), source, logClass);

    /// <summary>Publishes (and logs, rate limited) a message that could not be delivered.</summary>
    internal void DeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is IDeadLetterSuppression or Event.DeadLetter or LogEvent) return;
        PublishDeadLetter(new DeadLetter(message, sender ?? DeadLetters, recipient));
    }

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        if (deadLetter.Message is Event.DeadLetter or LogEvent) return;
        EventStream.Publish(deadLetter);
        if (!Settings.LogDeadLetters || (IsTerminating && !Settings.LogDeadLettersDuringShutdown)) return;
        if (!Log.IsInfoEnabled) return;
        var log = _deadLetterLog.ShouldLog(out var suppressed);
        if (suppressed > 0) Log.Info("{Count} dead letters were not logged in the last {Interval}", suppressed, Settings.DeadLetterLogInterval);
        if (log)
        {
            Log.Info("Message [{MessageType}] from {Sender} to {Recipient} was not delivered: {Message}",
                deadLetter.Message.GetType().Name, deadLetter.Sender, deadLetter.Recipient, deadLetter.Message);
        }
    }

    internal void PublishUnhandled(UnhandledMessage unhandled)
    {
        EventStream.Publish(unhandled);
        if (!Settings.LogUnhandled || !Log.IsDebugEnabled) return;
        var log = _unhandledLog.ShouldLog(out var suppressed);
        if (suppressed > 0) Log.Debug("{Count} unhandled messages were not logged in the last {Interval}", suppressed, Settings.DeadLetterLogInterval);
        if (log)
        {
            Log.Debug("Unhandled message [{MessageType}] from {Sender} to {Recipient}: {Message}",
                unhandled.Message.GetType().Name, unhandled.Sender, unhandled.Recipient, unhandled.Message);
        }
    }

    private static void ValidateSystemName(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') || name[0] is '-' or '_')
            throw new ArgumentException($"Invalid ActorSystem name [{name}]: use ASCII letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
    }

    public override string ToString() => $"akka://{Name}";
}
