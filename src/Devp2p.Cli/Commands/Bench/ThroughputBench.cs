using System.Diagnostics;
using System.Net;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Server;
using Devp2p.Kernel;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>bench throughput</c>: two of our nodes over loopback, one session between them; node A sends
/// <c>messages</c> echo/1 requests of <c>size</c> bytes (random, so snappy cannot shrink them) to B,
/// keeping <see cref="WindowFor"/> in flight, and B echoes each. The session carries two messages per
/// request (the request and its echo), so messages/s and MB/s count both directions; the floor is
/// Keccak-256 + AES-256-CTR once over the same bytes on one core. Each carried message needs two such
/// passes (sealed by the writer, opened by the reader), on two threads, so on two cores the ratio's
/// ceiling is 1.0 — the same as a one-way stream's. Also per request (whole process: both nodes,
/// request and echo): bytes allocated and the collections they caused, CPU time, and thread-pool work
/// items (mailbox runs, socket and channel continuations: the hand-offs, which batching amortises).
/// The driver holds A's echo actor (<see cref="GetProtocolActor"/>) and tells it directly, as a heavy
/// sender should.
/// </summary>
internal static class ThroughputBench
{
    /// <summary>Requests in flight at most: well under echo/1's and the write queue's limits (1024).</summary>
    public const int MaxWindow = 256;

    /// <summary>Bytes of requests in flight at most: 16 MiB queued would measure socket buffers (and makes ethereumjs' receive buffer quadratic).</summary>
    public const int MaxWindowBytes = 1 << 20;

    /// <summary>Requests measured by default: about a second or more of steady state at each size on two cores.</summary>
    public static int DefaultMessages(int size) => size switch
    {
        <= 64 => 200_000,
        <= 1024 => 100_000,
        _ => 20_000,
    };

    /// <summary>Requests the ethereumjs harness runs at most with <c>--compare</c>: it is idle-bound (Nagle, delayed ACKs), ~4,000 msg/s at 64 B.</summary>
    public const int MaxEthereumJsMessages = 20_000;

    /// <summary>Requests kept in flight for <paramref name="size"/>-byte messages (256 up to 4 KiB, 16 at 64 KiB); bench.mjs uses the same rule.</summary>
    public static int WindowFor(int size) => Math.Clamp(MaxWindowBytes / size, 1, MaxWindow);

    /// <summary><paramref name="WarmupSeconds"/> of the same echoes run first, unmeasured (<see cref="BenchWarmup"/>).</summary>
    public sealed record Options(int Size, int Messages, double WarmupSeconds = BenchWarmup.DefaultSeconds);

    public static async Task<BenchResult> RunAsync(Options options, CancellationToken ct)
    {
        await using var b = await BenchNode.StartAsync("bench-throughput-b", new IPEndPoint(IPAddress.Loopback, 0), maxPeers: 4, maxPending: 4, ct);
        await using var a = await BenchNode.StartAsync("bench-throughput-a", listen: null, maxPeers: 4, maxPending: 4, ct);
        var target = b.Info.Enode with { Ip = IPAddress.Loopback, TcpPort = b.Info.ListenPort, UdpPort = b.Info.ListenPort };
        await a.Node.Server.Ask<object>(new AddPeer(target), TimeSpan.FromSeconds(10), ct);
        await WaitConnectedAsync(a, ct);
        // The fast path a heavy sender takes: the echo actor's ref once, then tell it directly (SendToPeer would
        // cross the ServerActor's and the PeerActor's mailboxes on every message).
        var echo = (await a.Node.Server.Ask<ProtocolActorRef>(new GetProtocolActor(b.Info.Id, EchoProtocol.Name), TimeSpan.FromSeconds(10), ct)).Actor;

        var payload = RlpPayload.OfTotalLength(options.Size);
        int window = WindowFor(options.Size);
        var warmup = await WarmUpAsync(a, echo, payload, options, window, ct);
        long jitBefore = BenchWarmup.JitMethods;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        int gen0Before = GC.CollectionCount(0), gen2Before = GC.CollectionCount(2);
        var cpuBefore = ProcessCpu();
        long workItemsBefore = ThreadPool.CompletedWorkItemCount;
        var watch = Stopwatch.StartNew();
        await RunEchoesAsync(a, echo, payload, options.Messages, window, ct);
        watch.Stop();
        double cpuPerRequest = (ProcessCpu() - cpuBefore).TotalMicroseconds / options.Messages;
        double workItemsPerRequest = (ThreadPool.CompletedWorkItemCount - workItemsBefore) / (double)options.Messages;
        double allocatedPerRequest = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)options.Messages;
        int gen0 = GC.CollectionCount(0) - gen0Before, gen2 = GC.CollectionCount(2) - gen2Before;
        long jitMethods = BenchWarmup.JitMethods - jitBefore;

        double requestsPerSecond = options.Messages / watch.Elapsed.TotalSeconds;
        double messagesPerSecond = 2 * requestsPerSecond; // each request and its echo cross the session
        double floor = CipherFloor.MessagesPerSecond(options.Size, options.Messages);
        return new BenchResult("throughput",
            [
                new("messagesPerSecond", messagesPerSecond, "1/s"),
                new("megabytesPerSecond", messagesPerSecond * options.Size / 1e6, "MB/s"),
                new("requestsPerSecond", requestsPerSecond, "1/s"),
                new("cpuMicrosecondsPerRequest", cpuPerRequest, "µs"),
                new("threadPoolWorkItemsPerRequest", workItemsPerRequest, "count"),
                new("allocatedBytesPerRequest", allocatedPerRequest, "B"),
                new("gen0Collections", gen0, "count"),
                new("gen2Collections", gen2, "count"),
                new("jitCompiledMethods", jitMethods, "count"),
            ],
            [
                new("messagesPerSecond", floor, "1/s"),
                new("megabytesPerSecond", floor * options.Size / 1e6, "MB/s"),
            ],
            "megabytesPerSecond",
            BenchSettings.Common(
                ("size", options.Size),
                ("messages", options.Messages),
                ("window", window),
                ("warmupSeconds", options.WarmupSeconds),
                ("warmupRanSeconds", Math.Round(warmup.Elapsed.TotalSeconds, 1)),
                ("counted", "messages both ways (request and echo)"),
                ("floor", "Keccak-256 + AES-256-CTR once over each message, one core")));
    }

    /// <summary>CPU time of the whole process (both nodes, every thread, spinning included).</summary>
    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
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

    /// <summary>One window of echoes (the session's buffers, the first calls), then more until <see cref="BenchWarmup"/> is done.</summary>
    private static async Task<BenchWarmup> WarmUpAsync(BenchNode a, IActorRef echo, byte[] payload, Options options, int window, CancellationToken ct)
    {
        var warmup = BenchWarmup.Start(options.WarmupSeconds);
        await RunEchoesAsync(a, echo, payload, Math.Min(options.Messages, window), window, ct);
        while (warmup.More())
            await RunEchoesAsync(a, echo, payload, Math.Max(window, 10_000), window, ct);
        return warmup;
    }

    private static async Task RunEchoesAsync(BenchNode from, IActorRef echo, byte[] payload, int messages, int window, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var driver = from.System.ActorOf(Props.Create(() => new EchoDriver(echo, payload, messages, window, done)));
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

    /// <summary>Keeps <c>window</c> echo requests in flight until <c>messages</c> replies have come.</summary>
    private sealed class EchoDriver : ReceiveActor
    {
        private readonly IActorRef _echo;
        private readonly EchoSend _send;
        private readonly int _messages;
        private readonly int _window;
        private int _sent;
        private int _received;

        public EchoDriver(IActorRef echo, byte[] payload, int messages, int window, TaskCompletionSource done)
        {
            _window = window;
            _echo = echo;
            _send = new EchoSend(payload);
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
            for (int i = 0; i < Math.Min(_window, _messages); i++)
                SendOne();
        }

        private void SendOne()
        {
            _sent++;
            _echo.Tell(_send, Self);
        }
    }
}
