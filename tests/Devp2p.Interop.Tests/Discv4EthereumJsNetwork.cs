using System.Text.Json;

namespace Devp2p.Interop.Tests;

/// <summary>
/// Runs tests/interop/dpt.mjs: N @ethereumjs/devp2p DPT (discv4) nodes on 127.0.0.1, nodes 1..N-1
/// bootstrapped from node 0. Commands go to its stdin as JSON lines; its JSON-line events are read
/// here (through <see cref="JsonLineHarness"/>).
/// </summary>
internal sealed class Discv4EthereumJsNetwork : IAsyncDisposable
{
    private readonly JsonLineHarness _harness;

    private Discv4EthereumJsNetwork(JsonLineHarness harness) => _harness = harness;

    /// <summary>The nodes' ids (64-byte hex) and UDP ports, node 0 first.</summary>
    public IReadOnlyList<(string Id, int Port)> Nodes { get; private set; } = [];

    public string Log => _harness.Log;

    public static async Task<Discv4EthereumJsNetwork> StartAsync(int nodes)
    {
        var network = new Discv4EthereumJsNetwork(await JsonLineHarness.StartAsync("dpt.mjs", [nodes.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        var ready = await network.WaitForAsync(e => e.GetProperty("event").GetString() == "ready", TimeSpan.FromSeconds(30), "ready");
        network.Nodes = ready.GetProperty("nodes").EnumerateArray()
            .Select(n => (n.GetProperty("id").GetString()!, n.GetProperty("port").GetInt32())).ToArray();
        return network;
    }

    /// <summary>Sends one command (serialized as a JSON line).</summary>
    public Task SendAsync(object command) => _harness.SendAsync(command);

    /// <summary>The next event matching <paramref name="match"/>; others are skipped (and stay in the log).</summary>
    public Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, string what) =>
        _harness.WaitForAsync(match, timeout, what);

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
