using System.CommandLine;
using Devp2p.Actors.Configuration;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>devp2p bench handshake|throughput|discovery|peers|kernel</c>: whole-system benchmarks, each
/// against a floor timed in the same run (issue 8). Options are checked before anything is measured;
/// the measuring lives in the <c>*Bench</c> classes and the printing in <see cref="BenchTableWriter"/>
/// and <see cref="BenchJsonWriter"/>.
/// </summary>
public static class BenchCommand
{
    public static readonly int[] ThroughputSizes = [64, 1024, 65536];

    public static Command Create(CliOutput io)
    {
        var bench = new Command("bench", "Whole-system benchmarks against a floor measured in the same run");
        bench.Subcommands.Add(Handshake(io));
        bench.Subcommands.Add(Throughput(io));
        bench.Subcommands.Add(Discovery(io));
        bench.Subcommands.Add(Peers(io));
        bench.Subcommands.Add(PeersDialersCommand(io));
        bench.Subcommands.Add(Kernel(io));
        return bench;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "print one JSON object" };

    /// <summary>The least time the workload runs unmeasured before it is timed; <see cref="BenchWarmup"/> then waits for the JIT to settle.</summary>
    private static Option<double> WarmupOption() =>
        new("--warmup") { Description = "seconds of the same workload run first, not measured (then on until the JIT has settled)", DefaultValueFactory = _ => BenchWarmup.DefaultSeconds };

    private static double Warmup(ParseResult parse, Option<double> option, string command)
    {
        double w = parse.GetValue(option);
        return w is >= 0 and <= BenchWarmup.MaxSeconds
            ? w
            : throw new CliException($"{command}: --warmup must be at least 0 and at most {BenchWarmup.MaxSeconds}, got {w}");
    }

    private static Option<string?> CompareOption() => new("--compare") { Description = "also run the workload on another stack: ethereumjs" };

    // --compare names the other stack; it runs both ends itself, so it cannot load a --target.
    private static bool Compare(string? value, bool hasTarget, string command) => value switch
    {
        null => false,
        "ethereumjs" when hasTarget => throw new CliException($"{command}: --compare runs both ends locally; it cannot be combined with --target"),
        "ethereumjs" => true,
        _ => throw new CliException($"{command}: --compare must be ethereumjs, got '{value}'"),
    };

    private static async Task<BenchResult> WithComparison(Task<BenchResult> ours, bool compare, string workload, int first, int second, CancellationToken ct)
    {
        var result = await ours;
        if (!compare)
            return result;
        try
        {
            return result with { EthereumJs = await EthereumJsBench.RunAsync(workload, first, second, ct) };
        }
        catch (CliException e) when (!ct.IsCancellationRequested)
        {
            // Our figures stand on their own: keep them, and say why the other column is empty.
            return result with { EthereumJs = [], Settings = [.. result.Settings, new("ethereumjsError", e.Message)] };
        }
    }

    private static Command Handshake(CliOutput io)
    {
        var connections = new Option<int>("--connections") { Description = "handshakes to run", DefaultValueFactory = _ => 2000 };
        var concurrency = new Option<int>("--concurrency") { Description = "handshakes in flight", DefaultValueFactory = _ => 16 };
        var target = new Option<string?>("--target") { Description = "dial this enode instead of our own listener" };
        var listen = new Option<string?>("--listen") { Description = "only listen on ADDR and print handshakes/s each second" };
        var warmup = WarmupOption();
        var compare = CompareOption();
        var json = JsonOption();
        var command = new Command("handshake", "RLPx handshake + Hello + Disconnect over loopback; floor: the EC operations of a handshake")
        {
            connections, concurrency, target, listen, warmup, compare, json,
        };
        command.SetAction((parse, ct) =>
        {
            const string name = "bench handshake";
            if (parse.GetValue(listen) is { } addr)
            {
                if (parse.GetValue(target) is not null)
                    throw new CliException($"{name}: give --target or --listen, not both");
                if (parse.GetValue(compare) is not null)
                    throw new CliException($"{name}: --compare does not apply to --listen");
                var endpoint = ServerSettingsConfig.ParseListenAddress(addr) ?? throw new CliException($"{name}: --listen must not be empty");
                return HandshakeListenMode.RunAsync(io, endpoint, parse.GetValue(json), ct);
            }
            var options = new HandshakeBench.Options(
                Positive(parse.GetValue(connections), "--connections", name),
                AtMost(Positive(parse.GetValue(concurrency), "--concurrency", name), HandshakeBench.MaxConcurrency, "--concurrency", name),
                Enode(parse.GetValue(target), name),
                Warmup(parse, warmup, name));
            bool other = Compare(parse.GetValue(compare), options.Target is not null, name);
            return Report(io, parse.GetValue(json),
                WithComparison(HandshakeBench.RunAsync(options, ct), other, "handshake", options.Connections, options.Concurrency, ct));
        });
        return command;
    }

    private static Command Throughput(CliOutput io)
    {
        var size = new Option<int>("--size") { Description = "message size in bytes: 64, 1024 or 65536", DefaultValueFactory = _ => 1024 };
        var messages = new Option<int?>("--messages") { Description = "echo requests to send (default: 200000 at 64 B, 100000 at 1 KiB, 20000 at 64 KiB)" };
        var warmup = WarmupOption();
        var compare = CompareOption();
        var json = JsonOption();
        var command = new Command("throughput", "echo/1 requests over one session; floor: Keccak-256 + AES-256-CTR over the same bytes") { size, messages, warmup, compare, json };
        command.SetAction((parse, ct) =>
        {
            const string name = "bench throughput";
            int s = parse.GetValue(size);
            if (!ThroughputSizes.Contains(s))
                throw new CliException($"{name}: --size must be 64, 1024 or 65536, got {s}");
            int m = parse.GetValue(messages) ?? ThroughputBench.DefaultMessages(s);
            var options = new ThroughputBench.Options(s, Positive(m, "--messages", name), Warmup(parse, warmup, name));
            bool other = Compare(parse.GetValue(compare), false, name);
            return Report(io, parse.GetValue(json),
                WithComparison(ThroughputBench.RunAsync(options, ct), other, "throughput", options.Size,
                    Math.Min(options.Messages, ThroughputBench.MaxEthereumJsMessages), ct));
        });
        return command;
    }

    private static Command Discovery(CliOutput io)
    {
        var pings = new Option<int>("--pings") { Description = "Ping → Pong round trips", DefaultValueFactory = _ => 5000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Pings in flight", DefaultValueFactory = _ => 64 };
        var target = new Option<string?>("--target") { Description = "ping this enode instead of our own second endpoint" };
        var warmup = WarmupOption();
        var compare = CompareOption();
        var json = JsonOption();
        var command = new Command("discovery", "discv4 Ping → Pong round trips; floor: sign + recover per packet") { pings, concurrency, target, warmup, compare, json };
        command.SetAction((parse, ct) =>
        {
            const string name = "bench discovery";
            var options = new DiscoveryBench.Options(
                Positive(parse.GetValue(pings), "--pings", name),
                Positive(parse.GetValue(concurrency), "--concurrency", name),
                Enode(parse.GetValue(target), name),
                Warmup(parse, warmup, name));
            bool other = Compare(parse.GetValue(compare), options.Target is not null, name);
            return Report(io, parse.GetValue(json),
                WithComparison(DiscoveryBench.RunAsync(options, ct), other, "discovery", options.Pings, options.Concurrency, ct));
        });
        return command;
    }

    private static Command Peers(CliOutput io)
    {
        var count = new Option<int>("--count") { Description = "idle peers to connect", DefaultValueFactory = _ => 1000 };
        var rate = new Option<int>("--rate") { Description = "echo requests per second across the peers", DefaultValueFactory = _ => 10_000 };
        var seconds = new Option<double>("--seconds") { Description = "how long the measured echo load runs", DefaultValueFactory = _ => 5 };
        var warmup = WarmupOption();
        var json = JsonOption();
        var command = new Command("peers", "memory per idle peer and echo latency under load; floor: issue 8's budget") { count, rate, seconds, warmup, json };
        command.SetAction((parse, ct) =>
        {
            const string name = "bench peers";
            int c = Positive(parse.GetValue(count), "--count", name);
            if (c > 50_000)
                throw new CliException($"{name}: --count must be at most 50000, got {c}");
            double s = parse.GetValue(seconds);
            if (!(s > 0 && s <= 3600))
                throw new CliException($"{name}: --seconds must be above 0 and at most 3600, got {s}");
            var options = new PeersBench.Options(c, Positive(parse.GetValue(rate), "--rate", name), s, Warmup(parse, warmup, name));
            return Report(io, parse.GetValue(json), PeersBench.RunAsync(options, ct));
        });
        return command;
    }

    /// <summary>The dialer process <c>bench peers</c> starts (<see cref="PeersDialers"/>); hidden, not for direct use.</summary>
    private static Command PeersDialersCommand(CliOutput io)
    {
        var target = new Option<string?>("--target") { Description = "the node to connect to" };
        var count = new Option<int>("--count") { Description = "dialers to connect", DefaultValueFactory = _ => 1000 };
        var rate = new Option<int>("--rate") { Description = "echo requests per second across the dialers", DefaultValueFactory = _ => 10_000 };
        var command = new Command("peers-dialers", "the dialer process of bench peers: driven line by line on stdin") { target, count, rate };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            const string name = "bench peers-dialers";
            var enode = Enode(parse.GetValue(target), name) ?? throw new CliException($"{name}: --target is required");
            await PeersDialers.RunAsync(enode, Positive(parse.GetValue(count), "--count", name), Positive(parse.GetValue(rate), "--rate", name),
                Console.In, io.Out, ct);
            return 0;
        });
        return command;
    }

    private static Command Kernel(CliOutput io)
    {
        var messages = new Option<int>("--messages") { Description = "round trips, and messages per sender", DefaultValueFactory = _ => 100_000 };
        var json = JsonOption();
        var command = new Command("kernel", "the actor kernel's ping-pong and fan-in against System.Threading.Channels") { messages, json };
        command.SetAction((parse, ct) =>
        {
            var options = new KernelBench.Options(Positive(parse.GetValue(messages), "--messages", "bench kernel"));
            return Report(io, parse.GetValue(json), KernelBench.RunAsync(options, ct));
        });
        return command;
    }

    private static async Task<int> Report(CliOutput io, bool json, Task<BenchResult> run)
    {
        BenchResult result;
        try
        {
            result = await run;
        }
        catch (OperationCanceledException e)
        {
            // Ctrl-C or SIGTERM mid-run: nothing measured is worth printing.
            throw new CliException($"bench: interrupted before the run completed ({e.GetType().Name})");
        }
        if (json)
            BenchJsonWriter.Write(result, io.Out);
        else
            BenchTableWriter.Write(result, io.Out);
        return 0;
    }

    private static int Positive(int value, string option, string command) =>
        value > 0 ? value : throw new CliException($"{command}: {option} must be at least 1, got {value}");

    private static int AtMost(int value, int max, string option, string command) =>
        value <= max ? value : throw new CliException($"{command}: {option} must be at most {max}, got {value}");

    private static EnodeUrl? Enode(string? text, string command)
    {
        if (text is null)
            return null;
        try
        {
            var enode = EnodeUrl.Parse(text.Trim());
            return enode.IsIncomplete ? throw new CliException($"{command}: --target needs an address: {text}") : enode;
        }
        catch (EnodeFormatException e)
        {
            throw new CliException($"{command}: --target: {e.Message}");
        }
    }
}
