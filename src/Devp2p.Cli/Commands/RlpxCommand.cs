using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p rlpx ping &lt;enode&gt; [--json] [--timeout 10s]</c>: dials a node with a throw-away key,
/// runs the RLPx handshake and the Hello exchange, prints the remote Hello (or the reason of the
/// Disconnect it sent instead), then disconnects politely. Exit 0 on a Hello; 1 on bad arguments, a
/// Disconnect, an unreachable node or a failed handshake (one line on stderr naming the stage).
/// </summary>
public static class RlpxCommand
{
    public static Command Create(CliOutput io)
    {
        var enode = new Argument<string>("enode") { Description = "enode://<128 hex node id>@<host>:<tcp port>" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var timeout = new Option<string>("--timeout") { Description = "overall deadline, e.g. 10s, 500ms, 1m", DefaultValueFactory = _ => "10s" };
        var ping = new Command("ping", "Dial a node, do the RLPx and p2p handshakes, print its Hello") { enode, json, timeout };
        ping.SetAction((parse, ct) => RunPingAsync(parse.GetValue(enode)!, parse.GetValue(json), parse.GetValue(timeout)!,
            io.Out, io.Err, ct));
        return new Command("rlpx", "RLPx transport tools") { ping };
    }

    /// <summary>The ping itself, with its outputs injectable (used by the command and the interop tests).</summary>
    public static async Task<int> RunPingAsync(string enodeText, bool json, string timeoutText, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParseDuration(timeoutText, out var timeout))
            return Fail(error, 1, $"rlpx ping: invalid --timeout '{timeoutText}' (use e.g. 10s, 500ms, 1m)");
        EnodeUrl target;
        try
        {
            target = EnodeUrl.Parse(enodeText.Trim());
        }
        catch (EnodeFormatException e)
        {
            return Fail(error, 1, $"rlpx ping: {e.Message}");
        }
        if (target.TcpEndPoint is not { } endpoint)
            return Fail(error, 1, "rlpx ping: invalid enode URL: host: the URL has no address to dial");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var ct = deadline.Token;
        string stage = "connect";
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(endpoint, ct);

            stage = "rlpx handshake";
            var key = Secp256k1.GeneratePrivateKey();
            var options = new RlpxConnectionOptions { HandshakeTimeout = timeout };
            await using var connection = await RlpxConnection.InitiateAsync(client.GetStream(), key, target.Id.Bytes.ToArray(), options, ct);

            stage = "hello";
            var ours = new Hello(P2pMessageCodes.P2pVersion, "devp2p-actors/rlpx-ping", [], 0, Secp256k1.Default.CreatePublicKey(key));
            var result = await HelloExchange.RunAsync(connection, ours, ct);
            if (result.Disconnect is { } reason)
            {
                output.WriteLine(json
                    ? JsonSerializer.Serialize(new { disconnect = reason.Describe(), code = (int)reason })
                    : $"disconnected: {reason.Describe()} (0x{(byte)reason:x2})");
                return 1;
            }
            var hello = result.Remote!;
            Print(hello, json, output);
            try
            {
                await connection.WriteMessageAsync(P2pMessageCodes.Disconnect, Disconnect.Encode(DisconnectReason.Requested), ct);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The Hello is what was asked for; a peer that hangs up first is fine.
            }
            return 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Fail(error, 1, $"rlpx ping: {stage} with {endpoint} failed: no answer within {timeoutText}");
        }
        catch (Exception e) when (e is SocketException or IOException or RlpxException or P2pHandshakeException or TimeoutException or CryptoException)
        {
            return Fail(error, 1, $"rlpx ping: {stage} with {endpoint} failed: {e.Message}");
        }
    }

    private static void Print(Hello hello, bool json, TextWriter output)
    {
        var caps = hello.Capabilities.Select(c => c.ToString()).ToArray();
        var id = Convert.ToHexStringLower(hello.NodeId);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                protocolVersion = hello.ProtocolVersion,
                clientId = hello.ClientId,
                caps,
                listenPort = hello.ListenPort,
                id,
            }));
            return;
        }
        output.WriteLine($"protocolVersion: {hello.ProtocolVersion}");
        output.WriteLine($"clientId:        {hello.ClientId}");
        output.WriteLine($"caps:            {string.Join(", ", caps)}");
        output.WriteLine($"listenPort:      {hello.ListenPort}");
        output.WriteLine($"id:              {id}");
    }

    private static int Fail(TextWriter error, int code, string line)
    {
        error.WriteLine(line);
        return code;
    }

    /// <summary>"10s", "500ms", "1m", "1.5s" or a bare number of seconds.</summary>
    internal static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        (string number, double scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n <= 0 || double.IsInfinity(n))
            return false;
        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }
}
