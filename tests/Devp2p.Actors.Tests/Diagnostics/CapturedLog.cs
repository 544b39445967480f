using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Devp2p.Actors.Tests.Diagnostics;

/// <summary>A Serilog sink that keeps every event, for specs that read structured properties; filter by NodeId (specs share it).</summary>
internal sealed class CapturedLog : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public ILogger Logger => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(this).CreateLogger();

    public void Emit(LogEvent logEvent)
    {
        lock (_events) _events.Add(logEvent);
    }

    /// <summary>The events of one node (its NodeId property).</summary>
    public IReadOnlyList<LogEvent> OfNode(string nodeTag)
    {
        lock (_events)
            return _events.Where(e => Text(e, "NodeId") == nodeTag).ToList();
    }

    /// <summary>A property's scalar value as text (no quotes), or null.</summary>
    public static string? Text(LogEvent e, string property) =>
        e.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value?.ToString() : null;
}
