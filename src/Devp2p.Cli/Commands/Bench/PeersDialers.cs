using System.Globalization;
using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The remote side of <c>bench peers</c>, run in its own process (<c>devp2p bench peers-dialers</c>,
/// started by <see cref="PeersDialerProcess"/>) so that the measuring process holds only our node: its
/// memory per peer is then the node's alone, not the node's plus a dialer's end of every connection.
/// Line protocol: stdout says <c>connected</c> once every dialer has passed the Hello exchange; each
/// <c>phase SECONDS</c> read from stdin runs the echo load that long and is answered with one
/// <see cref="PeersEchoSummary"/> line; end of stdin disconnects and ends the process.
/// </summary>
internal static class PeersDialers
{
    public const string Connected = "connected";
    public const string PhaseCommand = "phase";
    /// <summary>Dials in flight while connecting (the node's pending-peer limit must leave room for them).</summary>
    public const int DialConcurrency = 16;
    private const int EchoPayloadSize = 32;

    public static async Task RunAsync(EnodeUrl target, int count, int rate, TextReader input, TextWriter output, CancellationToken ct)
    {
        var endpoint = target.TcpEndPoint!;
        var id = target.Id.Bytes.ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var dialers = new BenchDialer[count];
        try
        {
            var load = new PeersEchoLoad(dialers, RlpPayload.OfTotalLength(EchoPayloadSize), rate);
            int next = -1;
            await Task.WhenAll(Enumerable.Range(0, Math.Min(DialConcurrency, count)).Select(_ => Task.Run(async () =>
            {
                for (int i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    dialers[i] = await BenchDialer.ConnectAsync(endpoint, id, SourceAddress(i), TimeSpan.FromSeconds(30), ct);
                    dialers[i].StartServing(load.OnEchoReply, stop.Token);
                }
            }, ct)));
            await WriteLineAsync(output, Connected);
            while (await input.ReadLineAsync(ct) is { } line)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts is not [PhaseCommand, var secondsText] || !double.TryParse(secondsText, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds > 0))
                    throw new CliException($"bench peers-dialers: expected '{PhaseCommand} SECONDS', got '{line}'");
                var phase = await load.RunPhaseAsync(TimeSpan.FromSeconds(seconds), ct);
                await WriteLineAsync(output, PeersEchoSummary.Of(phase).ToLine());
            }
        }
        finally
        {
            stop.Cancel();
            await Task.WhenAll(dialers.Where(d => d is not null).Select(d => d.DisposeAsync().AsTask()));
        }
    }

    /// <summary>127.0.0.2 … 127.0.0.254 on Linux (all of 127/8 is loopback there); elsewhere the default source address.</summary>
    private static IPAddress? SourceAddress(int index) =>
        OperatingSystem.IsLinux() ? new IPAddress(new byte[] { 127, 0, 0, (byte)(2 + index % 253) }) : null;

    private static async Task WriteLineAsync(TextWriter output, string line)
    {
        await output.WriteLineAsync(line);
        await output.FlushAsync();
    }
}
