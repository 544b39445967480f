using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Tests.Support;

/// <summary>
/// The far end of a test connection: a real <see cref="RlpxConnection"/> driven by the test, with
/// the raw stream at hand for sending garbage. Every read has a deadline so a test fails instead of hanging.
/// </summary>
public sealed class RemotePeer : IAsyncDisposable
{
    public static readonly TimeSpan ReadDeadline = TimeSpan.FromSeconds(5);

    private RemotePeer(Stream stream, byte[] key, RlpxConnection connection)
    {
        Stream = stream;
        PrivateKey = key;
        Connection = connection;
    }

    public Stream Stream { get; }

    public byte[] PrivateKey { get; }

    public NodeId Id => NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(PrivateKey));

    public RlpxConnection Connection { get; }

    public static async Task<RemotePeer> DialAsync(Stream stream, byte[] key, NodeId target)
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        var connection = await RlpxConnection.InitiateAsync(stream, key, target.Bytes.ToArray(), cancellationToken: cts.Token);
        return new RemotePeer(stream, key, connection);
    }

    public static async Task<RemotePeer> AcceptAsync(Stream stream, byte[] key)
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        var connection = await RlpxConnection.AcceptAsync(stream, key, cancellationToken: cts.Token);
        return new RemotePeer(stream, key, connection);
    }

    /// <summary>Our Hello with these capabilities (and optionally another node id).</summary>
    public Hello CreateHello(IReadOnlyList<Capability> caps, byte[]? nodeId = null) =>
        new(P2pMessageCodes.P2pVersion, "remote-test", caps, 0, nodeId ?? Id.Bytes.ToArray());

    /// <summary>Sends our Hello, reads theirs (snappy on when both are v5).</summary>
    public async Task<HelloExchangeResult> ExchangeHelloAsync(params Capability[] caps)
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        return await HelloExchange.RunAsync(Connection, CreateHello(caps), cts.Token);
    }

    public async Task SendAsync(ulong code, byte[] payload)
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        await Connection.WriteMessageAsync(code, payload, cts.Token);
    }

    /// <summary>The next message, its payload copied.</summary>
    public async Task<(ulong Code, byte[] Payload)> ReadAsync()
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        var message = await Connection.ReadMessageAsync(cts.Token);
        return (message.Code, message.Payload.ToArray());
    }

    /// <summary>Reads until a message with <paramref name="code"/> arrives (skipping Pings and the like).</summary>
    public async Task<byte[]> ReadUntilAsync(ulong code)
    {
        while (true)
        {
            var (c, payload) = await ReadAsync();
            if (c == code)
                return payload;
        }
    }

    /// <summary>Reads until the Disconnect and returns its reason.</summary>
    public async Task<DisconnectReason> ReadDisconnectAsync() => Disconnect.Decode(await ReadUntilAsync(P2pMessageCodes.Disconnect));

    /// <summary>True when the stream reaches its end (or fails) within the deadline, after discarding whatever comes first.</summary>
    public async Task<bool> SeesCloseAsync()
    {
        using var cts = new CancellationTokenSource(ReadDeadline);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await Stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
