using System.Text.Json;
using Devp2p.Cli.Commands.Testnet;
using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Tests.Testnet;

/// <summary>The <c>--json</c> contract: exactly {nodes, converged, secondsToConverge, handshakes, drops}, drop keys the enum names.</summary>
public sealed class TestnetResultTests
{
    private static readonly TestnetOptions Options = TestnetOptions.Parse(3, "10s", "echo", json: true);

    private static TestnetSnapshot Snapshot(params NodeSnapshot[] nodes) => new(TimeSpan.FromSeconds(2), Options.TargetPeers, nodes, 0);

    [Fact]
    public void Converged_run_has_the_five_fields_and_drops_by_enum_name()
    {
        var final = Snapshot(
            new NodeSnapshot(0, 2, 2, 2, 0, new Dictionary<DisconnectReason, long> { [DisconnectReason.AlreadyConnected] = 1 }),
            new NodeSnapshot(1, 2, 2, 1, 0, new Dictionary<DisconnectReason, long> { [DisconnectReason.TooManyPeers] = 2 }),
            new NodeSnapshot(2, 2, 2, 3, 0, new Dictionary<DisconnectReason, long>()));
        var result = new TestnetResult(Options, true, TimeSpan.FromMilliseconds(3456.7), final, Cancelled: false);

        var json = result.ToJson();
        Assert.DoesNotContain('\n', json);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.Equal(["nodes", "converged", "secondsToConverge", "handshakes", "drops"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, root.GetProperty("nodes").GetInt32());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(3.457, root.GetProperty("secondsToConverge").GetDouble());
        Assert.Equal(6, root.GetProperty("handshakes").GetInt64());
        var drops = root.GetProperty("drops").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["AlreadyConnected"] = 1, ["TooManyPeers"] = 2 }, drops);
    }

    [Fact]
    public void Run_that_did_not_converge_has_null_seconds_and_empty_drops()
    {
        var final = Snapshot(new NodeSnapshot(0, 1, 1, 1, 0, new Dictionary<DisconnectReason, long>()));
        var result = new TestnetResult(Options, false, null, final, Cancelled: false);

        using var doc = JsonDocument.Parse(result.ToJson());
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("secondsToConverge").ValueKind);
        Assert.Empty(doc.RootElement.GetProperty("drops").EnumerateObject());
        Assert.Contains("within 10 s", result.FailureLine());
        Assert.Contains("did not converge within 10 s", result.SummaryLines().First());
    }
}
