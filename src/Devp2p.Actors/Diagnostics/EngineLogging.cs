using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Devp2p.Actors.Diagnostics;

/// <summary>
/// The Serilog logger the CLI (and any host without its own Serilog setup) hands to
/// <c>ActorSystemSettings.Logger</c>: one line per record on a TextWriter (stderr for the CLI, so
/// stdout stays the command's output). Levels are filtered by the kernel (<c>devp2p.logging</c>), so
/// this logger lets everything through. Records keep every property structured for other sinks.
/// </summary>
public static class EngineLogging
{
    /// <summary>Time, level, our node id prefix, the message.</summary>
    public const string DefaultTemplate = "{Timestamp:HH:mm:ss.fff} {Level:u3} {NodeId} {Message:lj}{NewLine}{Exception}";

    /// <summary>A logger writing each record as one line of <paramref name="template"/> to <paramref name="writer"/>.</summary>
    public static ILogger CreateTextLogger(TextWriter writer, string template = DefaultTemplate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.Sink(new TextWriterSink(writer, new MessageTemplateTextFormatter(template)))
            .CreateLogger();
    }

    private sealed class TextWriterSink(TextWriter writer, MessageTemplateTextFormatter formatter) : ILogEventSink
    {
        private readonly object _lock = new();

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                try
                {
                    formatter.Format(logEvent, writer);
                    writer.Flush();
                }
                catch (ObjectDisposedException)
                {
                    // the host closed its output: logging must never fail the engine
                }
            }
        }
    }
}
