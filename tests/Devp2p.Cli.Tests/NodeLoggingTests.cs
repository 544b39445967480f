using Devp2p.Cli.Commands;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Tests;

/// <summary>`devp2p node` logs the engine on stderr (one line per record, with our node id prefix); stdout keeps only the enode and events.</summary>
public sealed class NodeLoggingTests
{
    [Fact]
    public async Task Engine_logs_go_to_stderr_at_the_given_level_with_the_node_id()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // A static node on a closed port: the dialer's debug records show up only at --log-level debug.
        var nowhere = new EnodeUrl(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey(), PublicKeyFormat.Raw64)), System.Net.IPAddress.Loopback, 1, 0);
        var options = new NodeCommand.NodeOptions("127.0.0.1:0", null, null, null, null, nowhere.ToString(), null, null, NoDiscover: true, [], "mainnet", null, "json")
        {
            LogLevel = "debug",
        };
        using var stop = new CancellationTokenSource();
        var run = NodeCommand.RunAsync(new CliOutput(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr)), options, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        string Out() { lock (stdout) return stdout.ToString(); }
        string Err() { lock (stderr) return stderr.ToString(); }
        while (!(Out().Contains('\n') && Err().Contains("Listening for RLPx", StringComparison.Ordinal) && Err().Contains("Dialing", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        stop.Cancel();
        Assert.Equal(0, await run);

        var enode = EnodeUrl.Parse(Out().Split('\n')[0].Trim());
        var listening = Err().Split('\n').Single(l => l.Contains("Listening for RLPx", StringComparison.Ordinal));
        Assert.Contains(" INF ", listening, StringComparison.Ordinal);
        Assert.Contains(enode.Id.ToShortString(), listening, StringComparison.Ordinal);
        var dialing = Err().Split('\n').First(l => l.Contains("Dialing", StringComparison.Ordinal));
        Assert.Contains(" DBG ", dialing, StringComparison.Ordinal); // --log-level debug lets debug records through
        Assert.Contains("127.0.0.1:1", dialing, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening", Out(), StringComparison.Ordinal);
    }
}
