using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>
/// The kernel's settings as a plain record. Each property names the HOCON key it will be read from once
/// <c>ActorSystem.Create(name, Config)</c> maps a <c>Config</c> onto this record; properties marked
/// "code only" have no key (they are objects, wired by the host or the TestKit).
/// </summary>
public sealed partial record ActorSystemSettings
{
    public static readonly ActorSystemSettings Default = new();

    /// <summary>Messages an actor processes per mailbox run before yielding its thread. HOCON: <c>devp2p.kernel.dispatcher.throughput</c> (int, default 30).</summary>
    public int Throughput { get; init; } = 30;

    /// <summary>Minimum level of the kernel's loggers. HOCON: <c>devp2p.logging.level</c>, which defaults to Akka's <c>devp2p.kernel.loglevel</c> (DEBUG, INFO, WARNING, ERROR, OFF; default INFO) — see <see cref="LogLevelNames.Parse"/>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.InfoLevel;

    /// <summary>Per-category overrides of <see cref="LogLevel"/> (category = the logging class's full name, matched by prefix). HOCON: <c>devp2p.logging.categories</c>.</summary>
    public LogLevelMap CategoryLevels { get; init; } = LogLevelMap.Empty;

    /// <summary>Records per key and interval that <see cref="ActorSystem.RepeatedWarnings"/> lets through (say, warnings about one bad peer). HOCON: <c>devp2p.logging.repeated-warnings-limit</c> (int, default 5).</summary>
    public int RepeatedWarningsLimit { get; init; } = 5;

    /// <summary>HOCON: <c>devp2p.logging.repeated-warnings-interval</c> (duration, default 1m).</summary>
    public TimeSpan RepeatedWarningsInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether dead letters are logged (they are always published). HOCON: <c>devp2p.kernel.log-dead-letters</c> (bool, default on).</summary>
    public bool LogDeadLetters { get; init; } = true;

    /// <summary>Dead letters logged per <see cref="DeadLetterLogInterval"/>; the rest are counted in one summary line. HOCON: <c>devp2p.kernel.log-dead-letters-limit</c> (int, default 10).</summary>
    public int DeadLetterLogLimit { get; init; } = 10;

    /// <summary>HOCON: <c>devp2p.kernel.log-dead-letters-interval</c> (duration, default 1m).</summary>
    public TimeSpan DeadLetterLogInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether dead letters are logged while the system terminates. HOCON: <c>devp2p.kernel.log-dead-letters-during-shutdown</c> (bool, default off).</summary>
    public bool LogDeadLettersDuringShutdown { get; init; }

    /// <summary>Whether unhandled messages are logged (at debug). HOCON: <c>devp2p.kernel.debug.unhandled</c> (bool, default on).</summary>
    public bool LogUnhandled { get; init; } = true;

    /// <summary>Timeout of an Ask called without one; null = wait forever, as Akka. HOCON: <c>devp2p.kernel.ask-timeout</c> (duration or "infinite").</summary>
    public TimeSpan? AskTimeout { get; init; }

    /// <summary>How long <see cref="ActorSystem.Dispose"/> waits for termination. HOCON: <c>devp2p.kernel.shutdown-timeout</c> (duration, default 10s).</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Code only: builds the scheduler (the TestKit plugs its virtual-time scheduler in here). Default: <see cref="DedicatedThreadScheduler"/>.</summary>
    public Func<IScheduler>? SchedulerFactory { get; init; }

    /// <summary>Code only: where logs go. Default: a silent logger (the host wires Serilog).</summary>
    public Serilog.ILogger? Logger { get; init; }

    /// <summary>Code only: the strategy of the <c>/user</c> guardian for top-level actors. Default: Akka's default decider, with Escalate turned into Stop.</summary>
    public SupervisorStrategy? GuardianSupervisorStrategy { get; init; }
}
