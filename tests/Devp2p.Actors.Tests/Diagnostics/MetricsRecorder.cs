using System.Diagnostics.Metrics;
using Devp2p.Actors.Diagnostics;

namespace Devp2p.Actors.Tests.Diagnostics;

/// <summary>
/// Listens to every instrument of the Devp2p.Actors meter, as dotnet-counters or OpenTelemetry would,
/// and keeps the measurements of the nodes a test cares about (tests run in parallel: others are ignored).
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly HashSet<string> _nodes;
    private readonly List<Recorded> _recorded = [];

    public sealed record Recorded(string Instrument, long Value, IReadOnlyDictionary<string, string> Tags);

    public MetricsRecorder(params string[] nodes)
    {
        _nodes = [.. nodes];
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Devp2pMeter.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Track(string node)
    {
        lock (_recorded) _nodes.Add(node);
    }

    private void Record(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string>();
        foreach (var tag in tags) map[tag.Key] = tag.Value?.ToString() ?? "";
        lock (_recorded)
        {
            if (map.TryGetValue("node", out var node) && _nodes.Contains(node))
                _recorded.Add(new Recorded(instrument.Name, value, map));
        }
    }

    /// <summary>Reads the observable gauges now.</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    /// <summary>Sum of the measurements of <paramref name="instrument"/> for <paramref name="node"/> whose tags include all of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, string node, params (string Key, string Value)[] tags) =>
        Matching(instrument, node, tags).Sum(r => r.Value);

    public long Count(string instrument, string node, params (string Key, string Value)[] tags) =>
        Matching(instrument, node, tags).Count;

    public IReadOnlyList<Recorded> Matching(string instrument, string node, params (string Key, string Value)[] tags)
    {
        lock (_recorded)
        {
            return _recorded.Where(r => r.Instrument == instrument && r.Tags["node"] == node
                && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value)).ToList();
        }
    }

    public void Dispose() => _listener.Dispose();
}
