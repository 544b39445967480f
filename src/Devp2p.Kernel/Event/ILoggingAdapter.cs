using Serilog;

namespace Devp2p.Kernel.Event;

/// <summary>
/// The logger an actor gets from <c>Context.GetLogger()</c>. Templates are Serilog message templates
/// (<c>"peer {PeerId} dropped"</c>); every record carries the <c>ActorPath</c> property, and
/// <c>SourceContext</c> (the category whose level <c>devp2p.logging.categories</c> sets) when the logging class is known.
/// </summary>
public interface ILoggingAdapter
{
    /// <summary>
    /// A logger whose records also carry <paramref name="property"/> as a structured value (Serilog's
    /// <c>ForContext</c>), e.g. the node id or a peer's remote endpoint, so sinks can filter on it
    /// without parsing the text. Same category and level as this one.
    /// </summary>
    ILoggingAdapter ForContext(string property, object? value);

    bool IsEnabled(LogLevel level);
    bool IsDebugEnabled { get; }
    bool IsInfoEnabled { get; }
    void Log(LogLevel level, Exception? cause, string template, params object?[] args);
    void Debug(string template, params object?[] args);
    void Debug(Exception? cause, string template, params object?[] args);
    void Info(string template, params object?[] args);
    void Info(Exception? cause, string template, params object?[] args);
    void Warning(string template, params object?[] args);
    void Warning(Exception? cause, string template, params object?[] args);
    void Error(string template, params object?[] args);
    void Error(Exception? cause, string template, params object?[] args);
}

/// <summary>Writes to Serilog and publishes the same record as a <see cref="LogEvent"/> on the EventStream.</summary>
internal sealed class LoggingAdapter : ILoggingAdapter
{
    private readonly EventStream _eventStream;
    private readonly ILogger _serilog;
    private readonly LogLevel _minimum;
    private readonly string _source;
    private readonly Type? _logClass;
    private readonly IReadOnlyDictionary<string, object?> _properties;

    public LoggingAdapter(EventStream eventStream, ILogger serilog, LogLevel minimum, string source, Type? logClass)
    {
        _eventStream = eventStream;
        _serilog = serilog.ForContext("ActorPath", source);
        if (logClass is not null) _serilog = _serilog.ForContext("SourceContext", logClass.FullName);
        _minimum = minimum;
        _source = source;
        _logClass = logClass;
        _properties = new Dictionary<string, object?>();
    }

    private LoggingAdapter(LoggingAdapter parent, string property, object? value)
    {
        _eventStream = parent._eventStream;
        _serilog = parent._serilog.ForContext(property, value);
        _minimum = parent._minimum;
        _source = parent._source;
        _logClass = parent._logClass;
        _properties = new Dictionary<string, object?>(parent._properties) { [property] = value };
    }

    public ILoggingAdapter ForContext(string property, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return new LoggingAdapter(this, property, value);
    }

    public bool IsEnabled(LogLevel level) => level >= _minimum && level != LogLevel.OffLevel;
    public bool IsDebugEnabled => IsEnabled(LogLevel.DebugLevel);
    public bool IsInfoEnabled => IsEnabled(LogLevel.InfoLevel);

    public void Log(LogLevel level, Exception? cause, string template, params object?[] args)
    {
        if (!IsEnabled(level)) return;
        var message = new LogMessage(template, args);
        LogEvent record = level switch
        {
            LogLevel.DebugLevel => new Debug(_source, _logClass, message, cause),
            LogLevel.InfoLevel => new Info(_source, _logClass, message, cause),
            LogLevel.WarningLevel => new Warning(_source, _logClass, message, cause),
            _ => new Error(_source, _logClass, message, cause),
        };
        record.Properties = _properties;
        _eventStream.Publish(record);
        _serilog.Write(LogEvent.ToSerilog(level), cause, template, args);
    }

    public void Debug(string template, params object?[] args) => Log(LogLevel.DebugLevel, null, template, args);
    public void Debug(Exception? cause, string template, params object?[] args) => Log(LogLevel.DebugLevel, cause, template, args);
    public void Info(string template, params object?[] args) => Log(LogLevel.InfoLevel, null, template, args);
    public void Info(Exception? cause, string template, params object?[] args) => Log(LogLevel.InfoLevel, cause, template, args);
    public void Warning(string template, params object?[] args) => Log(LogLevel.WarningLevel, null, template, args);
    public void Warning(Exception? cause, string template, params object?[] args) => Log(LogLevel.WarningLevel, cause, template, args);
    public void Error(string template, params object?[] args) => Log(LogLevel.ErrorLevel, null, template, args);
    public void Error(Exception? cause, string template, params object?[] args) => Log(LogLevel.ErrorLevel, cause, template, args);
}
