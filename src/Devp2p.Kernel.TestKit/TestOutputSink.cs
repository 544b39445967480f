using Serilog.Core;
using Serilog.Events;
using Xunit.Abstractions;

namespace Devp2p.Kernel.TestKit;

/// <summary>A Serilog sink writing to xunit's per-test output, so actor logs show up with the failing test.</summary>
internal sealed class TestOutputSink(ITestOutputHelper output) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        var path = logEvent.Properties.TryGetValue("ActorPath", out var p) && p is ScalarValue { Value: string s } ? s : "";
        var line = $"[{logEvent.Level}][{logEvent.Timestamp:HH:mm:ss.fff}][{path}] {logEvent.RenderMessage()}";
        if (logEvent.Exception is not null) line += Environment.NewLine + logEvent.Exception;
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; xunit no longer accepts output.
        }
    }
}
