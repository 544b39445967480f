using System.Net;
using System.Text.Json;
using Devp2p.Cli.Commands.Bench;

namespace Devp2p.Cli.Tests.Bench;

/// <summary>
/// <c>handshake --listen</c> (only our listener) loaded by <c>handshake --target</c> (only our dialer):
/// the two halves an outside load generator or an outside listener would replace.
/// </summary>
public sealed class HandshakeListenTests
{
    [Fact]
    public async Task Listen_prints_its_enode_and_counts_the_handshakes_a_target_run_makes()
    {
        var output = new StringWriter { NewLine = "\n" };
        var synced = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var listening = Task.Run(() => HandshakeListenMode.RunAsync(new CliOutput(synced, synced), new IPEndPoint(IPAddress.Loopback, 0), json: true, stop.Token));

        string[] Lines()
        {
            lock (synced)
                return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Lines().Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no enode line: " + string.Join(" | ", Lines()));
            Assert.False(listening.IsCompleted, "listen mode ended early");
            await Task.Delay(50);
        }
        var enode = Lines()[0];
        Assert.StartsWith("enode://", enode);
        Assert.True(JsonDocument.Parse(Lines()[1]).RootElement.GetProperty("floor").GetProperty("handshakesPerSecond").GetDouble() > 0);

        var run = Cli.Run("bench", "handshake", "--target", enode, "--connections", "3", "--concurrency", "1", "--warmup", "0", "--json");
        Assert.True(run.ExitCode == 0, run.Err);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(enode, result.GetProperty("settings").GetProperty("target").GetString());
        Assert.Equal(0, result.GetProperty("ours").GetProperty("failures").GetDouble());

        // 3 measured handshakes and 1 warm-up reach the running stage; each second's line counts those in it.
        double Counted() => Lines().Skip(2).Sum(l => JsonDocument.Parse(l).RootElement.GetProperty("handshakesPerSecond").GetDouble());
        while (Counted() < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "counted so far: " + string.Join(" | ", Lines()));
            await Task.Delay(100);
        }
        Assert.Equal(4, Counted());
        stop.Cancel();
        Assert.Equal(0, await listening);
    }
}
