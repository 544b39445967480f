using Serilog.Events;

namespace Devp2p.Kernel.Event;

/// <summary>
/// A message template and its arguments, rendered only when someone reads it. Holes (<c>{Name}</c>, also with a
/// format, <c>{Elapsed:0.0}</c>) are filled positionally with the plain values, without Serilog's quoting,
/// so EventFilter and test output read naturally.
/// </summary>
public sealed class LogMessage(string template, object?[] args)
{
    private string? _rendered;

    public string Template { get; } = template;
    public IReadOnlyList<object?> Args { get; } = args;

    public override string ToString() => _rendered ??= Render(Template, args);

    private static string Render(string template, object?[] args)
    {
        if (args.Length == 0 || template.IndexOf('{', StringComparison.Ordinal) < 0) return template;
        var sb = new System.Text.StringBuilder(template.Length + 16 * args.Length);
        var next = 0;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            var close = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (close < 0) { sb.Append(c); continue; }
            var hole = template.AsSpan(i + 1, close - i - 1);
            var colon = hole.IndexOf(':');
            var format = colon >= 0 ? hole[(colon + 1)..].ToString() : null;
            var value = next < args.Length ? args[next++] : null;
            sb.Append(value is IFormattable f && format is not null ? f.ToString(format, null) : value?.ToString() ?? "null");
            i = close;
        }
        return sb.ToString();
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

    /// <summary>The context properties of the logger that wrote it (<see cref="ILoggingAdapter.ForContext"/>): node id, remote endpoint, ...</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; internal set; } = NoProperties;

    private static readonly IReadOnlyDictionary<string, object?> NoProperties = new Dictionary<string, object?>();

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
