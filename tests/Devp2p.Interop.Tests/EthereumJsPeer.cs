using System.Globalization;
using System.Text.Json;

namespace Devp2p.Interop.Tests;

/// <summary>
/// Runs tests/interop/peer.mjs (an @ethereumjs/devp2p RLPx node on 127.0.0.1 with its own random
/// key) and exposes the JSON events it prints.
/// </summary>
internal sealed class EthereumJsPeer : IAsyncDisposable
{
    private readonly JsonLineHarness _harness;

    private EthereumJsPeer(JsonLineHarness harness) => _harness = harness;

    /// <summary>The peer's node id (64 bytes).</summary>
    public byte[] Id { get; private set; } = [];

    public int Port { get; private set; }

    public string Log => _harness.Log;

    /// <summary>
    /// Starts the peer listening; with <paramref name="dialPort"/> it also dials us. <paramref name="flags"/>
    /// go after the positional arguments (e.g. <c>--eth mainnet</c>, see peer.mjs).
    /// </summary>
    public static async Task<EthereumJsPeer> StartAsync(int? dialPort = null, byte[]? ourId = null, params string[] flags)
    {
        List<string> arguments = dialPort is int port
            ? ["dial", "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), Convert.ToHexStringLower(ourId!)]
            : ["listen"];
        arguments.AddRange(flags);
        var peer = new EthereumJsPeer(await JsonLineHarness.StartAsync("peer.mjs", arguments));
        var ready = await peer.WaitForAsync("ready", TimeSpan.FromSeconds(30));
        peer.Id = Convert.FromHexString(ready.GetProperty("id").GetString()!);
        peer.Port = ready.GetProperty("port").GetInt32();
        return peer;
    }

    /// <summary>The next event named <paramref name="name"/> (others are skipped, errors are kept in the log).</summary>
    public Task<JsonElement> WaitForAsync(string name, TimeSpan timeout) =>
        _harness.WaitForAsync(e => e.GetProperty("event").GetString() == name, timeout, $"'{name}' event");

    public ValueTask DisposeAsync() => _harness.DisposeAsync();
}
