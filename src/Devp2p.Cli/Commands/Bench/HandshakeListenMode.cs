using System.Globalization;
using System.Net;
using System.Text.Json;
using Devp2p.Actors.Events;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench handshake --listen ADDR</c>: only our listener, for an outside load generator. Prints the
/// node's enode, then the EC floor once, then each second the handshakes completed in it (peers that
/// reached the running stage), until Ctrl-C.
/// </summary>
internal static class HandshakeListenMode
{
    public static async Task<int> RunAsync(CliOutput io, IPEndPoint listen, bool json, CancellationToken ct)
    {
        await using var node = await BenchNode.StartAsync("bench-listen", listen, maxPeers: 100_000, maxPending: 256, ct);
        var counter = new StrongBox();
        var subscriber = node.System.ActorOf(Props.Create(() => new AddedCounter(counter)), "added-counter");
        node.System.EventStream.Subscribe(subscriber, typeof(PeerAdded));
        double floor = EcFloor.HandshakesPerSecond(Secp256k1.Default, 100, Environment.ProcessorCount);
        io.Out.WriteLine(node.Info.Enode.ToString());
        io.Out.WriteLine(json
            ? JsonSerializer.Serialize(new { floor = new { handshakesPerSecond = Math.Round(floor, 1) }, backend = Secp256k1.BackendName })
            : $"floor: {floor.ToString("N0", CultureInfo.InvariantCulture)} handshakes/s ({Secp256k1.BackendName} secp256k1, {Environment.ProcessorCount} cores)");
        io.Out.Flush();
        long last = 0;
        try
        {
            for (int second = 1; ; second++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                long now = Interlocked.Read(ref counter.Value);
                long n = now - last;
                last = now;
                io.Out.WriteLine(json
                    ? JsonSerializer.Serialize(new { second, handshakesPerSecond = n, ratio = Math.Round(n / floor, 4) })
                    : $"{second,5} s  {n,8} handshakes/s  {n / floor:0.###} of floor");
                io.Out.Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
        return 0;
    }

    private sealed class StrongBox
    {
        public long Value;
    }

    private sealed class AddedCounter : ReceiveActor
    {
        public AddedCounter(StrongBox counter) => Receive<PeerAdded>(_ => Interlocked.Increment(ref counter.Value));
    }
}
