using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p rlpx ping &lt;enode&gt; [--json] [--timeout 10s]</c>: dials a node with a throw-away key,
/// runs the RLPx handshake and the Hello exchange, prints the remote Hello (or the reason of the
/// Disconnect it sent instead), then disconnects politely. Exit 0 on a Hello; 1 on a Disconnect, an
/// unreachable node or a failed handshake (one line on stderr naming the stage); 2 on bad arguments.
/// </summary>
public static class RlpxCommand
{
    public static Command Create(TextWriter? output = null, TextWriter? error = null)
    {
        var enode = new Argument<string>("enode") { Description = "enode://<128 hex node id>@<host>:<tcp port>" };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var timeout = new Option<string>("--timeout") { Description = "overall deadline, e.g. 10s, 500ms, 1m", DefaultValueFactory = _ => "10s" };
        var ping = new Command("ping", "Dial a node, do the RLPx and p2p handshakes, print its Hello") { enode, json, timeout };
        ping.SetAction((parse, ct) => RunPingAsync(parse.GetValue(enode)!, parse.GetValue(json), parse.GetValue(timeout)!,
            output ?? Console.Out, error ?? Console.Error, ct));
        return new Command("rlpx", "RLPx transport tools") { ping };
    }

    /// <summary>The ping itself, with its outputs injectable (used by the command and the interop tests).</summary>
    public static async Task<int> RunPingAsync(string enodeText, bool json, string timeoutText, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParseDuration(timeoutText, out var timeout))
            return Fail(error, 2, $"rlpx ping: invalid --timeout '{timeoutText}' (use e.g. 10s, 500ms, 1m)");
        if (!Enode.TryParse(enodeText, out var target, out var why))
            return Fail(error, 2, $"rlpx ping: invalid enode: {why}");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var ct = deadline.Token;
        string stage = "connect";
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(target.Host, target.Port, ct);

            stage = "rlpx handshake";
            var key = Secp256k1.GeneratePrivateKey();
            var options = new RlpxConnectionOptions { HandshakeTimeout = timeout };
            await using var connection = await RlpxConnection.InitiateAsync(client.GetStream(), key, target.Id, options, ct);

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
            return Fail(error, 1, $"rlpx ping: {stage} with {target.Host}:{target.Port} failed: no answer within {timeoutText}");
        }
        catch (Exception e) when (e is SocketException or IOException or RlpxException or P2pHandshakeException or TimeoutException or CryptoException)
        {
            return Fail(error, 1, $"rlpx ping: {stage} with {target.Host}:{target.Port} failed: {e.Message}");
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

    /// <summary>
    /// Minimal enode URL reader (id, host, TCP port; query such as ?discport= ignored) until the
    /// shared <c>EnodeUrl</c> type is on this branch.
    /// </summary>
    internal readonly record struct Enode(byte[] Id, string Host, int Port)
    {
        public static bool TryParse(string text, out Enode enode, out string why)
        {
            enode = default;
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != "enode")
                return Fail("expected enode://<id>@<host>:<port>", out why);
            if (uri.UserInfo.Length != 128)
                return Fail("node id must be 128 hex characters", out why);
            byte[] id;
            try { id = Convert.FromHexString(uri.UserInfo); }
            catch (FormatException) { return Fail("node id is not hex", out why); }
            if (!Secp256k1.Default.IsValidPublicKey(id))
                return Fail("node id is not a secp256k1 public key", out why);
            if (uri.Port <= 0)
                return Fail("missing TCP port", out why);
            enode = new Enode(id, uri.Host.Trim('[', ']'), uri.Port);
            why = "";
            return true;
        }

        private static bool Fail(string message, out string why)
        {
            why = message;
            return false;
        }
    }
}
