using Serilog;
using Serilog.Events;

namespace Devp2p.Kernel.Event;

/// <summary>A message template and its arguments, rendered only when someone reads it.</summary>
public sealed class LogMessage(string template, object?[] args)
{
    private static readonly ILogger Binder = new LoggerConfiguration().MinimumLevel.Verbose().CreateLogger();
    private string? _rendered;

    public string Template { get; } = template;
    public IReadOnlyList<object?> Args { get; } = args;

    public override string ToString()
    {
        if (_rendered is not null) return _rendered;
        if (args.Length == 0) return _rendered = Template;
        if (!Binder.BindMessageTemplate(Template, args, out var parsed, out var properties)) return _rendered = Template;
        return _rendered = parsed.Render(properties.ToDictionary(p => p.Name, p => p.Value));
    }
}

/// <summary>
/// A log record, published on the EventStream as Akka does (so the TestKit's EventFilter can assert on it),
/// in addition to being written to Serilog.
/// </summary>
public abstract class LogEvent
{
    protected LogEvent(string logSource, Type? logClass, object message, Exception? cause)
    {
        LogSource = logSource;
        LogClass = logClass;
        Message = message;
        Cause = cause;
        Timestamp = DateTime.UtcNow;
    }

    public abstract LogLevel LogLevel { get; }
    public DateTime Timestamp { get; }
    public string LogSource { get; }
    public Type? LogClass { get; }
    public object Message { get; }
    public Exception? Cause { get; }

    public override string ToString() =>
        $"[{LogLevel.ToString().Replace("Level", "", StringComparison.Ordinal).ToUpperInvariant()}][{Timestamp:HH:mm:ss.fff}][{LogSource}] {Message}"
        + (Cause is null ? "" : Environment.NewLine + Cause);

    internal static LogEventLevel ToSerilog(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => LogEventLevel.Debug,
        LogLevel.InfoLevel => LogEventLevel.Information,
        LogLevel.WarningLevel => LogEventLevel.Warning,
        _ => LogEventLevel.Error,
    };
}

public sealed class Debug(string logSource, Type? logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel => LogLevel.DebugLevel;
}

public sealed class Info(string logSource, Type? logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel => LogLevel.InfoLevel;
}

public sealed class Warning(string logSource, Type? logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel => LogLevel.WarningLevel;
}

public sealed class Error(string logSource, Type? logClass, object message, Exception? cause = null) : LogEvent(logSource, logClass, message, cause)
{
    public override LogLevel LogLevel => LogLevel.ErrorLevel;
}
