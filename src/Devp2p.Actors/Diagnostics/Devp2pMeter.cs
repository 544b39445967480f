using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Devp2p.Actors.Diagnostics;

/// <summary>
/// The engine's System.Diagnostics.Metrics instruments, on one Meter named <see cref="Name"/>, so
/// <c>dotnet-counters monitor --counters Devp2p.Actors</c> and OpenTelemetry's <c>AddMeter("Devp2p.Actors")</c>
/// read them with nothing else to install. Every measurement carries a <c>node</c> tag (the node id's
/// first 8 bytes in hex) so several nodes in one process stay apart. Actors record through
/// <see cref="NodeMetrics"/>; the names, units and tags are listed in docs/observability.md.
/// </summary>
public static class Devp2pMeter
{
    /// <summary>The Meter's name.</summary>
    public const string Name = "Devp2p.Actors";

    public static readonly Meter Meter = new(Name, typeof(Devp2pMeter).Assembly.GetName().Version?.ToString());

    /// <summary>Connected peers (after the add-peer checkpoint), tags node, direction (inbound|outbound).</summary>
    public static readonly UpDownCounter<long> Peers = Meter.CreateUpDownCounter<long>("devp2p.peers", "{peer}", "Connected peers");

    /// <summary>Finished dials, tags node, outcome (connected|failed|timeout).</summary>
    public static readonly Counter<long> Dials = Meter.CreateCounter<long>("devp2p.dials", "{dial}", "TCP dials by outcome");

    /// <summary>Finished handshakes, tags node, direction, outcome (success|failure), stage (where it ended).</summary>
    public static readonly Counter<long> Handshakes = Meter.CreateCounter<long>("devp2p.handshakes", "{handshake}", "Connection handshakes by outcome and stage");

    /// <summary>Ended connections, tags node, reason (DisconnectReason, snake_case), side (local|remote).</summary>
    public static readonly Counter<long> Disconnects = Meter.CreateCounter<long>("devp2p.disconnects", "{disconnect}", "Ended connections by reason and side");

    /// <summary>Message payload bytes received, tags node, protocol (capability name, p2p for the base protocol).</summary>
    public static readonly Counter<long> IngressBytes = Meter.CreateCounter<long>("devp2p.ingress", "By", "Message payload bytes received per protocol");

    /// <summary>Message payload bytes queued for sending, tags node, protocol.</summary>
    public static readonly Counter<long> EgressBytes = Meter.CreateCounter<long>("devp2p.egress", "By", "Message payload bytes sent per protocol");

    /// <summary>discv4 packets, tags node, direction (received|sent), type, outcome (accepted|sent|a drop reason).</summary>
    public static readonly Counter<long> DiscoveryPackets = Meter.CreateCounter<long>("devp2p.discovery.packets", "{packet}", "discv4 packets by type and outcome");

    private static readonly ConcurrentDictionary<object, (string Node, Func<int> Size)> Tables = new();

    /// <summary>Nodes in each running discovery table (replacements not counted), tag node.</summary>
    public static readonly ObservableGauge<int> TableSize = Meter.CreateObservableGauge("devp2p.discovery.table.size",
        () => Tables.Values.Select(t => new Measurement<int>(t.Size(), new KeyValuePair<string, object?>("node", t.Node))),
        "{node}", "Nodes in the discv4 table");

    /// <summary>Adds a table to <see cref="TableSize"/> until the returned handle is disposed.</summary>
    internal static IDisposable ObserveTable(string node, Func<int> size)
    {
        var key = new object();
        Tables[key] = (node, size);
        return new Registration(() => Tables.TryRemove(key, out _));
    }

    private sealed class Registration(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
    }
}
