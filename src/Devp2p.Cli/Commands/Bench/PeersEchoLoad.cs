using System.Diagnostics;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The echo traffic of <c>bench peers</c>: requests round-robin over the dialers at a fixed rate, each
/// stamped at its own send call and timed until its echo is read back. Sends are paced every
/// <see cref="TickMilliseconds"/> (the timer's granularity), so each tick carries rate/1000 requests: with a
/// coarser tick the requests of one tick queue behind each other at the node, which a user spreading
/// the same rate over many peers would not see. A phase ends when its last echo is back (or after
/// <see cref="DrainTimeout"/>), so a warm-up's late echoes never land in the measured phase.
/// </summary>
internal sealed class PeersEchoLoad
{
    public const int TickMilliseconds = 1;
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly BenchDialer[] _dialers;
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly int _rate;
    private LatencyRecorder _recorder = new();
    private long _next;

    public PeersEchoLoad(BenchDialer[] dialers, ReadOnlyMemory<byte> payload, int rate)
    {
        _dialers = dialers;
        _payload = payload;
        _rate = rate;
    }

    /// <summary>Where the dialers report each echo's round trip: the recorder of the phase running now.</summary>
    public void OnEchoReply(TimeSpan latency)
    {
        Volatile.Read(ref _recorder).Add(latency);
    }

    /// <summary>Runs one phase at the rate for <paramref name="duration"/>, then waits for its echoes.</summary>
    public async Task<PhaseResult> RunPhaseAsync(TimeSpan duration, CancellationToken ct)
    {
        var recorder = new LatencyRecorder();
        Volatile.Write(ref _recorder, recorder);
        var watch = Stopwatch.StartNew();
        long sent = 0;
        while (watch.Elapsed < duration)
        {
            long due = (long)(_rate * watch.Elapsed.TotalSeconds);
            for (; sent < due; sent++)
                await _dialers[_next++ % _dialers.Length].SendEchoAsync(_payload, ct);
            await Task.Delay(TickMilliseconds, ct);
        }
        var sending = watch.Elapsed;
        var drain = Stopwatch.StartNew();
        while (recorder.Count < sent && drain.Elapsed < DrainTimeout)
            await Task.Delay(10, ct);
        return new PhaseResult(recorder, sent, sending);
    }

    /// <summary>One phase: its round trips, the requests sent, and how long the sending lasted.</summary>
    public sealed record PhaseResult(LatencyRecorder Latency, long Sent, TimeSpan Sending);
}
