using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// A lightweight load generator peer: a socket (optionally bound to a chosen local address, so
/// many of them can come from 127.0.0.x), the RLPx handshake and a Hello announcing echo/1, then —
/// once <see cref="StartServing"/> is called — a read loop that answers p2p Ping and echo requests
/// and times the replies to its own echo requests. It is deliberately not an actor node: it stands
/// in for the remote side so the measured side is only ours.
/// </summary>
internal sealed class BenchDialer : IAsyncDisposable
{
    /// <summary>echo/1's codes on the wire: after the 16 base-protocol codes (echo is the only shared capability).</summary>
    public const ulong EchoRequestWire = P2pMessageCodes.BaseProtocolLength + EchoProtocol.RequestCode;
    public const ulong EchoReplyWire = P2pMessageCodes.BaseProtocolLength + EchoProtocol.ReplyCode;

    private static readonly byte[] EmptyList = [0xc0];

    private readonly TcpClient _client;
    private readonly RlpxConnection _connection;
    private readonly ConcurrentQueue<long> _sentAt = new();
    private Task? _reader;

    private BenchDialer(TcpClient client, RlpxConnection connection, Hello remote)
    {
        _client = client;
        _connection = connection;
        Remote = remote;
    }

    public Hello Remote { get; }

    /// <summary>Connects, runs the RLPx handshake and the Hello exchange; throws if the remote sends Disconnect instead.
    /// Without an <paramref name="identity"/> the dialer is a new node with a fresh key.</summary>
    public static async Task<BenchDialer> ConnectAsync(IPEndPoint remote, byte[] remoteId, IPAddress? localAddress, TimeSpan timeout, CancellationToken ct,
        BenchIdentity? identity = null)
    {
        identity ??= BenchIdentity.Create();
        var client = new TcpClient(remote.AddressFamily) { NoDelay = true };
        try
        {
            if (localAddress is not null)
                client.Client.Bind(new IPEndPoint(localAddress, 0));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(timeout);
            await client.ConnectAsync(remote, deadline.Token);
            var connection = await RlpxConnection.InitiateAsync(client.GetStream(), identity.PrivateKey, remoteId,
                new RlpxConnectionOptions { HandshakeTimeout = timeout, LocalPublicKey = identity.PublicKey }, deadline.Token);
            var hello = new Hello(P2pMessageCodes.P2pVersion, "devp2p-bench-dialer", [EchoProtocol.Registration.Capability], 0, identity.PublicKey);
            var result = await HelloExchange.RunAsync(connection, hello, deadline.Token);
            if (result.Remote is null)
            {
                await connection.DisposeAsync();
                throw new IOException($"remote sent Disconnect({result.Disconnect?.Describe()}) instead of Hello");
            }
            return new BenchDialer(client, connection, result.Remote);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Starts the read loop; <paramref name="onEchoReply"/> gets the round trip of each of our echo requests.</summary>
    public void StartServing(Action<TimeSpan>? onEchoReply, CancellationToken ct) =>
        _reader = Task.Run(() => ReadLoopAsync(onEchoReply, ct), ct);

    /// <summary>Sends one echo request (an RLP item), timed from now until its reply is read.</summary>
    public ValueTask SendEchoAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        _sentAt.Enqueue(Stopwatch.GetTimestamp());
        return _connection.WriteMessageAsync(EchoRequestWire, payload, ct);
    }

    /// <summary>Sends Disconnect(requested), best effort.</summary>
    public async Task DisconnectAsync(CancellationToken ct)
    {
        try
        {
            await _connection.WriteMessageAsync(P2pMessageCodes.Disconnect, Disconnect.Encode(DisconnectReason.Requested), ct);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The remote may have hung up first; the handshake is what was measured.
        }
    }

    private async Task ReadLoopAsync(Action<TimeSpan>? onEchoReply, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var message = await _connection.ReadMessageAsync(ct);
                switch (message.Code)
                {
                    case P2pMessageCodes.Ping:
                        await _connection.WriteMessageAsync(P2pMessageCodes.Pong, EmptyList, ct);
                        break;
                    case EchoRequestWire:
                        await _connection.WriteMessageAsync(EchoReplyWire, message.Payload.ToArray(), ct);
                        break;
                    case EchoReplyWire when _sentAt.TryDequeue(out long sent):
                        onEchoReply?.Invoke(Stopwatch.GetElapsedTime(sent));
                        break;
                    case P2pMessageCodes.Disconnect:
                        return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or EndOfStreamException or RlpxException or ObjectDisposedException)
        {
            // The connection ended: a benchmark tears its peers down this way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _client.Dispose();
        if (_reader is not null)
        {
            try
            {
                await _reader;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
