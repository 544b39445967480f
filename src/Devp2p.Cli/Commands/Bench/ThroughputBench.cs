using System.Diagnostics;
using System.Net;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench throughput</c>: two of our nodes over loopback, one session between them; node A sends
/// <c>messages</c> echo/1 requests of <c>size</c> bytes (random, so snappy cannot shrink them) to B,
/// keeping <see cref="Window"/> in flight, and B echoes each. Messages/s and MB/s of requests against
/// the floor: Keccak-256 + AES-256-CTR once over the same bytes on one core.
/// </summary>
internal static class ThroughputBench
{
    /// <summary>Requests in flight: well under echo/1's and the write queue's limits (1024).</summary>
    public const int Window = 256;

    public sealed record Options(int Size, int Messages);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        await using var b = await BenchNode.StartAsync("bench-throughput-b", new IPEndPoint(IPAddress.Loopback, 0), maxPeers: 4, maxPending: 4, ct);
        await using var a = await BenchNode.StartAsync("bench-throughput-a", listen: null, maxPeers: 4, maxPending: 4, ct);
        var target = b.Info.Enode with { Ip = IPAddress.Loopback, TcpPort = b.Info.ListenPort, UdpPort = b.Info.ListenPort };
        await a.Node.Server.Ask<object>(new AddPeer(target), TimeSpan.FromSeconds(10), ct);
        await WaitConnectedAsync(a, ct);

        var payload = RlpPayload.OfTotalLength(options.Size);
        await RunEchoesAsync(a, b.Info.Id, payload, Math.Min(options.Messages, Window), ct); // warm-up
        var watch = Stopwatch.StartNew();
        await RunEchoesAsync(a, b.Info.Id, payload, options.Messages, ct);
        watch.Stop();

        double messagesPerSecond = options.Messages / watch.Elapsed.TotalSeconds;
        double floor = CipherFloor.MessagesPerSecond(options.Size, options.Messages);
        return new BenchResult("throughput",
            [
                new("messagesPerSecond", messagesPerSecond, "1/s"),
                new("megabytesPerSecond", messagesPerSecond * options.Size / 1e6, "MB/s"),
            ],
            [
                new("messagesPerSecond", floor, "1/s"),
                new("megabytesPerSecond", floor * options.Size / 1e6, "MB/s"),
            ],
            "megabytesPerSecond",
            BenchSettings.Common(
                ("size", options.Size),
                ("messages", options.Messages),
                ("window", Window),
                ("floor", "Keccak-256 + AES-256-CTR once over each message, one core")));
    }

    private static async Task WaitConnectedAsync(BenchNode node, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (await node.PeerCountAsync() == 0)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("bench throughput: the two nodes did not connect within 30 s");
            await Task.Delay(10, ct);
        }
    }

    private static async Task RunEchoesAsync(BenchNode from, NodeId to, byte[] payload, int messages, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = from.Node.Server;
        var driver = from.System.ActorOf(Props.Create(() => new EchoDriver(server, to, payload, messages, done)));
        using var registration = ct.Register(() => done.TrySetCanceled(ct));
        try
        {
            await done.Task;
        }
        finally
        {
            from.System.Stop(driver);
        }
    }

    /// <summary>Keeps <see cref="Window"/> echo requests in flight until <c>messages</c> replies have come.</summary>
    private sealed class EchoDriver : ReceiveActor
    {
        private readonly IActorRef _server;
        private readonly SendToPeer _send;
        private readonly int _messages;
        private int _sent;
        private int _received;

        public EchoDriver(IActorRef server, NodeId peer, byte[] payload, int messages, TaskCompletionSource done)
        {
            _server = server;
            _send = new SendToPeer(peer, EchoProtocol.Name, new EchoSend(payload));
            _messages = messages;
            Receive<EchoReply>(_ =>
            {
                if (++_received == _messages)
                    done.TrySetResult();
                else if (_sent < _messages)
                    SendOne();
            });
            Receive<Status.Failure>(f => done.TrySetException(new IOException("bench throughput: " + f.Cause.Message, f.Cause)));
        }

        protected override void PreStart()
        {
            for (int i = 0; i < Math.Min(Window, _messages); i++)
                SendOne();
        }

        private void SendOne()
        {
            _sent++;
            _server.Tell(_send, Self);
        }
    }
}
