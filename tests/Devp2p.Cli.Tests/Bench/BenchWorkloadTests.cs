using System.Text.Json;

namespace Devp2p.Cli.Tests.Bench;

/// <summary>
/// Each workload, run through the real command at a tiny size, prints one JSON object with the
/// promised fields, and its ratio is ours / floor of the figure it names. No timing is asserted:
/// only that the figures exist, are positive where a rate is measured, and add up.
/// </summary>
public sealed class BenchWorkloadTests
{
    [Fact]
    public void Kernel_reports_ping_pong_and_fan_in_against_channels()
    {
        var json = RunJson("bench", "kernel", "--messages", "2000", "--json");
        AssertShape(json, "kernel", ["pingPongRoundTripsPerSecond", "fanInMessagesPerSecond"], ["pingPongRoundTripsPerSecond", "fanInMessagesPerSecond"]);
        // The headline is the weaker of the two ratios.
        var ratios = json.GetProperty("ratios");
        double weaker = Math.Min(ratios.GetProperty("pingPongRoundTripsPerSecond").GetDouble(), ratios.GetProperty("fanInMessagesPerSecond").GetDouble());
        AssertClose(weaker, json.GetProperty("ratio").GetDouble());
    }

    [Fact]
    public void Throughput_reports_messages_and_megabytes_against_the_cipher_floor()
    {
        var json = RunJson("bench", "throughput", "--size", "64", "--messages", "40", "--warmup", "0.1", "--json");
        AssertShape(json, "throughput", ["messagesPerSecond", "megabytesPerSecond", "requestsPerSecond", "cpuMicrosecondsPerRequest", "threadPoolWorkItemsPerRequest", "allocatedBytesPerRequest", "gen0Collections", "gen2Collections", "jitCompiledMethods"], ["messagesPerSecond", "megabytesPerSecond"]);
        Assert.Equal("megabytesPerSecond", json.GetProperty("ratioOf").GetString());
        var ours = json.GetProperty("ours");
        AssertClose(ours.GetProperty("messagesPerSecond").GetDouble() * 64 / 1e6, ours.GetProperty("megabytesPerSecond").GetDouble());
        // Both directions count: a request and its echo are two messages carried.
        AssertClose(2 * ours.GetProperty("requestsPerSecond").GetDouble(), ours.GetProperty("messagesPerSecond").GetDouble());
        Assert.Equal(64, json.GetProperty("settings").GetProperty("size").GetInt32());
        Assert.Equal(256, json.GetProperty("settings").GetProperty("window").GetInt32());
        Assert.Equal(0.1, json.GetProperty("settings").GetProperty("warmupSeconds").GetDouble());
        Assert.True(json.GetProperty("settings").GetProperty("warmupRanSeconds").GetDouble() >= 0.1);
        // Every message crosses two nodes and is echoed: at least its payload is copied out of a connection buffer.
        Assert.True(ours.GetProperty("allocatedBytesPerRequest").GetDouble() >= 64);
        // Four frames are encrypted and decrypted per echo: the process cannot have spent no CPU on them.
        Assert.True(ours.GetProperty("cpuMicrosecondsPerRequest").GetDouble() > 0);
        // Each echo is read on both ends by socket continuations on the pool.
        Assert.True(ours.GetProperty("threadPoolWorkItemsPerRequest").GetDouble() > 0);
    }

    [Theory]
    [InlineData(64, 256)]
    [InlineData(1024, 256)]
    [InlineData(4096, 256)]
    [InlineData(65536, 16)]
    public void Throughput_keeps_at_most_256_requests_and_1_MiB_in_flight(int size, int window) =>
        Assert.Equal(window, Devp2p.Cli.Commands.Bench.ThroughputBench.WindowFor(size));

    [Fact]
    public void Handshake_reports_rate_latency_and_the_ec_floor()
    {
        var json = RunJson("bench", "handshake", "--connections", "3", "--concurrency", "2", "--warmup", "0.1", "--json");
        AssertShape(json, "handshake",
            ["handshakesPerSecond", "ecAndSocketHandshakesPerSecond", "latencyP50Ms", "latencyP99Ms", "failures", "allocatedBytesPerHandshake", "jitCompiledMethods"],
            ["handshakesPerSecond", "socketHandshakesPerSecond", "ecAndSocketHandshakesPerSecond"]);
        var ours = json.GetProperty("ours");
        var floor = json.GetProperty("floor");
        // The zero-overhead handshake pays the EC work and the socket work one after the other (both use every core).
        double ec = floor.GetProperty("handshakesPerSecond").GetDouble(), sockets = floor.GetProperty("socketHandshakesPerSecond").GetDouble();
        AssertClose(1 / (1 / ec + 1 / sockets), floor.GetProperty("ecAndSocketHandshakesPerSecond").GetDouble());
        Assert.Equal(ours.GetProperty("handshakesPerSecond").GetDouble(), ours.GetProperty("ecAndSocketHandshakesPerSecond").GetDouble());
        Assert.True(ours.GetProperty("latencyP50Ms").GetDouble() <= ours.GetProperty("latencyP99Ms").GetDouble());
        Assert.Equal(0, ours.GetProperty("failures").GetDouble());
        Assert.True(ours.GetProperty("allocatedBytesPerHandshake").GetDouble() > 0);
        Assert.Equal(0.1, json.GetProperty("settings").GetProperty("warmupSeconds").GetDouble());
        Assert.True(json.GetProperty("settings").GetProperty("warmupRanSeconds").GetDouble() >= 0.1);
    }

    [Fact]
    public void Discovery_reports_round_trips_against_sign_and_recover()
    {
        var json = RunJson("bench", "discovery", "--pings", "6", "--concurrency", "2", "--warmup", "0.1", "--json");
        AssertShape(json, "discovery", ["roundTripsPerSecond", "latencyP50Ms", "latencyP99Ms", "timeouts", "roundTripsPerCpuSecond", "jitCompiledMethods"], ["roundTripsPerSecond", "roundTripsPerCpuSecond"]);
    }

    [Fact]
    public void Peers_reports_memory_per_peer_and_echo_latency_against_the_budget()
    {
        var json = RunJson("bench", "peers", "--count", "20", "--rate", "100", "--seconds", "0.3", "--warmup", "0.3", "--json"); // 20: enough peers that their memory outweighs pool trimming between the two readings
        AssertShape(json, "peers",
            ["managedBytesPerPeer", "workingSetBytesPerPeer", "echoP50Ms", "echoP99Ms", "echoMessagesPerSecond", "echoLost", "allocatedBytesPerEcho", "gen0Collections", "gen2Collections", "gcPauseMs", "jitCompiledMethods"],
            ["managedBytesPerPeer", "workingSetBytesPerPeer", "echoP99Ms"]);
        var ours = json.GetProperty("ours");
        // Only the measured phase's echoes count: at most rate × sending time, so none of the warm-up's leaked in.
        Assert.InRange(ours.GetProperty("echoMessagesPerSecond").GetDouble(), 1, 100);
        Assert.InRange(ours.GetProperty("gen2Collections").GetDouble(), 0, ours.GetProperty("gen0Collections").GetDouble());
        Assert.True(ours.GetProperty("gcPauseMs").GetDouble() >= 0);
        Assert.True(ours.GetProperty("allocatedBytesPerEcho").GetDouble() > 0); // the node's own work per echo: never free
        Assert.Equal(0.3, json.GetProperty("settings").GetProperty("warmupSeconds").GetDouble());
        var floor = json.GetProperty("floor");
        Assert.Equal(32768, floor.GetProperty("managedBytesPerPeer").GetDouble());
        Assert.Equal(5, floor.GetProperty("echoP99Ms").GetDouble());
        Assert.Equal(20, json.GetProperty("settings").GetProperty("count").GetInt32());
        Assert.Contains("child process", json.GetProperty("settings").GetProperty("memory").GetString());
    }

    [Fact]
    public void Human_output_is_a_table_with_the_headline_ratio()
    {
        var result = Cli.Run("bench", "kernel", "--messages", "1000");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("devp2p bench kernel", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("pingPongRoundTripsPerSecond (1/s)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ratio (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("settings: messages=1000", StringComparison.Ordinal));
    }

    private static JsonElement RunJson(params string[] args)
    {
        var result = Cli.Run(args);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Err}");
        Assert.Equal("", result.Err);
        using var doc = JsonDocument.Parse(result.Out);
        return doc.RootElement.Clone();
    }

    internal static void AssertShape(JsonElement json, string workload, string[] ours, string[] floor)
    {
        Assert.Equal(workload, json.GetProperty("workload").GetString());
        Assert.Equal(ours, json.GetProperty("ours").EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(floor, json.GetProperty("floor").EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var name in floor)
            Assert.True(json.GetProperty("floor").GetProperty(name).GetDouble() > 0, $"floor {name} is not positive");
        var first = ours[0];
        Assert.True(json.GetProperty("ours").GetProperty(first).GetDouble() > 0, $"ours {first} is not positive");

        // ratio = ours / floor of ratioOf; every shared figure has its own ratio.
        var ratioOf = json.GetProperty("ratioOf").GetString()!;
        Assert.Contains(ratioOf, floor);
        double expected = json.GetProperty("ours").GetProperty(ratioOf).GetDouble() / json.GetProperty("floor").GetProperty(ratioOf).GetDouble();
        AssertClose(expected, json.GetProperty("ratio").GetDouble());
        var shared = ours.Intersect(floor).ToArray();
        Assert.Equal(shared, json.GetProperty("ratios").EnumerateObject().Select(p => p.Name).ToArray());
        foreach (var name in shared)
            AssertClose(json.GetProperty("ours").GetProperty(name).GetDouble() / json.GetProperty("floor").GetProperty(name).GetDouble(),
                json.GetProperty("ratios").GetProperty(name).GetDouble());

        var settings = json.GetProperty("settings");
        Assert.False(string.IsNullOrEmpty(settings.GetProperty("backend").GetString()));
        Assert.True(settings.GetProperty("cores").GetInt32() >= 1);
    }

    // Figures are printed with six significant digits, so a ratio recomputed from them differs in the last places.
    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * Math.Abs(expected), $"expected {expected}, got {actual}");
}
