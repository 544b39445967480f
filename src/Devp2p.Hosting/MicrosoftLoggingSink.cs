using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Devp2p.Hosting;

/// <summary>
/// Forwards the engine's Serilog records to the host's Microsoft.Extensions.Logging, so a hosted node
/// logs wherever the host logs (console, OpenTelemetry, …) without a Serilog setup of its own. The
/// category is the record's <c>SourceContext</c> (the logging class), the structured properties (node id,
/// remote endpoint, reason, …) travel as the log state. Levels are already filtered by the kernel
/// (<c>devp2p.logging</c>); the host's own filters apply on top.
/// </summary>
internal sealed class MicrosoftLoggingSink(ILoggerFactory factory) : ILogEventSink
{
    private const string DefaultCategory = "Devp2p";
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public void Emit(LogEvent logEvent)
    {
        var category = logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: string name }
            ? name : DefaultCategory;
        var logger = _loggers.GetOrAdd(category, factory.CreateLogger);
        var level = Map(logEvent.Level);
        if (!logger.IsEnabled(level))
            return;
        var state = new List<KeyValuePair<string, object?>>(logEvent.Properties.Count + 1);
        foreach (var (key, value) in logEvent.Properties)
            state.Add(new(key, value is ScalarValue scalar ? scalar.Value : value.ToString()));
        state.Add(new("{OriginalFormat}", logEvent.MessageTemplate.Text));
        logger.Log(level, default, state, logEvent.Exception, (_, _) => logEvent.RenderMessage(CultureInfo.InvariantCulture));
    }

    internal static LogLevel Map(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => LogLevel.Trace,
        LogEventLevel.Debug => LogLevel.Debug,
        LogEventLevel.Information => LogLevel.Information,
        LogEventLevel.Warning => LogLevel.Warning,
        LogEventLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
