using System.Text.Json;
using Devp2p.Cli.Commands;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Tests;

public sealed class NodeCommandTests
{
    private static NodeCommand.NodeOptions Options(string? statics = null, string events = "json") =>
        new("127.0.0.1:0", null, null, null, null, statics, null, null, NoDiscover: true, [], "mainnet", null, events);

    /// <summary>Lines written so far, safe to read while the command writes.</summary>
    private sealed class Lines
    {
        private readonly StringWriter _writer = new();
        private readonly TextWriter _sync;

        public Lines() => _sync = TextWriter.Synchronized(_writer);

        public TextWriter Writer => _sync;

        // The synchronized wrapper locks on itself for every write.
        public string[] Snapshot()
        {
            lock (_sync)
                return _writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        public async Task<string[]> WaitFor(Func<string[], bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!condition(Snapshot()))
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException("lines so far: " + string.Join(" | ", Snapshot()));
                await Task.Delay(50);
            }
            return Snapshot();
        }
    }

    [Fact]
    public async Task Two_nodes_print_their_enode_then_added_and_dropped_events()
    {
        var outA = new Lines();
        var outB = new Lines();
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = NodeCommand.RunAsync(new CliOutput(outA.Writer, TextWriter.Null), Options(), stopA.Token);
        var enodeA = EnodeUrl.Parse((await outA.WaitFor(l => l.Length > 0))[0]);
        Assert.NotEqual(0, enodeA.TcpPort);

        var b = NodeCommand.RunAsync(new CliOutput(outB.Writer, TextWriter.Null), Options(statics: enodeA.ToString()), stopB.Token);
        var linesB = await outB.WaitFor(l => l.Length > 1);
        var enodeB = EnodeUrl.Parse(linesB[0]);
        using (var added = JsonDocument.Parse(linesB[1]))
        {
            Assert.Equal("added", added.RootElement.GetProperty("event").GetString());
            Assert.Equal(enodeA.Id.ToHex(), added.RootElement.GetProperty("id").GetString());
            Assert.False(added.RootElement.GetProperty("inbound").GetBoolean());
            Assert.Equal("echo/1", added.RootElement.GetProperty("caps")[0].GetString());
        }

        stopB.Cancel();
        Assert.Equal(0, await b);
        var linesA = await outA.WaitFor(l => l.Any(line => line.Contains("\"dropped\"", StringComparison.Ordinal)));
        using var dropped = JsonDocument.Parse(linesA.Single(line => line.Contains("\"dropped\"", StringComparison.Ordinal)));
        Assert.Equal(enodeB.Id.ToHex(), dropped.RootElement.GetProperty("id").GetString());
        Assert.Equal("client quitting", dropped.RootElement.GetProperty("reason").GetString());
        Assert.True(dropped.RootElement.GetProperty("remoteRequested").GetBoolean());
        stopA.Cancel();
        Assert.Equal(0, await a);
    }

    [Theory]
    [InlineData("--protocol", "bogus", "unknown --protocol 'bogus'")]
    [InlineData("--static", "enode://zz@1.2.3.4:1", "--static")]
    [InlineData("--events", "xml", "--events must be text or json")]
    [InlineData("--listen", "127.0.0.1", "not an address with a port")]
    [InlineData("--config", "/nonexistent/node.conf", "does not exist")]
    [InlineData("--log-level", "loud", "--log-level must be debug, info, warning, error or off")]
    public void Bad_input_exits_1_with_one_line(string option, string value, string expected)
    {
        Cli.AssertFails(Cli.Run("node", "--nodiscover", option, value), expected);
    }
}
