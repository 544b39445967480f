using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The socket work one handshake cannot avoid, timed like the handshake itself: loopback TCP
/// connect and accept, the same messages in the same order and of about the same sizes (EIP-8 auth
/// and ack with geth's mean padding, a Hello frame each way, a Disconnect frame), and both ends
/// closing, with <c>concurrency</c> in flight — no cryptography, no parsing, no actors. With both
/// ends in one process this is kernel time (the TCP state machine twice, about 30 system calls), so
/// EC work plus this is what a handshake would cost with zero overhead of our own.
/// </summary>
internal static class SocketFloor
{
    public const int AuthBytes = 460;
    public const int AckBytes = 370;
    public const int HelloBytes = 150;
    public const int DisconnectBytes = 64;

    private static readonly byte[] Zeros = new byte[AuthBytes];

    /// <summary>Skeleton handshakes per second over loopback, after a warm-up of the same.</summary>
    public static async Task<double> HandshakesPerSecondAsync(int connections, int concurrency, CancellationToken ct)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1024);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var accepting = AcceptLoopAsync(listener, stop.Token);
        try
        {
            await RunAsync(endpoint, Math.Min(connections, 1000), concurrency, ct); // JIT and socket paths warm
            var watch = Stopwatch.StartNew();
            await RunAsync(endpoint, connections, concurrency, ct);
            return connections / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            stop.Cancel();
            listener.Close();
            await accepting;
        }
    }

    private static Task RunAsync(IPEndPoint endpoint, int connections, int concurrency, CancellationToken ct) =>
        BenchWorkers.RunAsync(concurrency, BenchWorkers.Times(connections), () => DialAsync(endpoint, ct), ct);

    private static async Task DialAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        var buffer = new byte[AckBytes];
        using var client = new TcpClient(endpoint.AddressFamily) { NoDelay = true };
        await client.ConnectAsync(endpoint, ct);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Zeros.AsMemory(0, AuthBytes), ct);
        await stream.ReadExactlyAsync(buffer.AsMemory(0, AckBytes), ct);
        await stream.WriteAsync(Zeros.AsMemory(0, HelloBytes), ct);
        await stream.ReadExactlyAsync(buffer.AsMemory(0, HelloBytes), ct);
        await stream.WriteAsync(Zeros.AsMemory(0, DisconnectBytes), ct);
    }

    private static async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(socket, ct);
        }
    }

    private static async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        socket.NoDelay = true;
        var buffer = new byte[AuthBytes];
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, AuthBytes), ct);
            await stream.WriteAsync(Zeros.AsMemory(0, AckBytes), ct);
            await stream.WriteAsync(Zeros.AsMemory(0, HelloBytes), ct);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, HelloBytes), ct);
            await stream.ReadExactlyAsync(buffer.AsMemory(0, DisconnectBytes), ct);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException)
        {
            // A torn-down skeleton connection: the floor counts the dialers' completions.
        }
    }
}
