using System.CommandLine;
using Spectre.Console;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// <c>devp2p testnet [--nodes 16] [--duration 60s] [--protocol echo|eth] [--json]</c>: N complete nodes
/// on 127.0.0.1, node 0 their bootnode, run until every node has min(MaxPeers, N − 1) peers or the
/// duration ends. Exit 0 if the network converged, 1 if not (the summary still goes to stdout, and
/// one line to stderr). The view is live on a terminal, plain lines when stdout is redirected, and
/// only the JSON object with <c>--json</c>.
/// </summary>
public static class TestnetCommand
{
    public static Command Create(CliOutput io)
    {
        var nodes = new Option<int>("--nodes") { Description = $"how many nodes ({TestnetOptions.MinNodes}-{TestnetOptions.MaxNodes})", DefaultValueFactory = _ => 16 };
        var duration = new Option<string>("--duration") { Description = "give up after this long, e.g. 60s, 2m", DefaultValueFactory = _ => "60s" };
        var protocol = new Option<string>("--protocol") { Description = "sub-protocol every node runs: echo or eth", DefaultValueFactory = _ => "echo" };
        var json = new Option<bool>("--json") { Description = "no live view; print one JSON object {nodes, converged, secondsToConverge, handshakes, drops}" };
        var command = new Command("testnet", "Run a local network of N nodes until it is fully connected") { nodes, duration, protocol, json };
        command.SetAction((parse, ct) => RunAsync(io,
            TestnetOptions.Parse(parse.GetValue(nodes), parse.GetValue(duration)!, parse.GetValue(protocol)!, parse.GetValue(json)), ct));
        return command;
    }

    internal static async Task<int> RunAsync(CliOutput io, TestnetOptions options, CancellationToken ct)
    {
        var view = ViewFor(io, options);
        var result = await TestnetRunner.RunAsync(options, view, ct);
        view.Summary(result);
        if (result.Converged)
            return 0;
        io.Err.WriteLine("devp2p: " + result.FailureLine());
        return 1;
    }

    private static ITestnetView ViewFor(CliOutput io, TestnetOptions options)
    {
        if (options.Json)
            return new JsonTestnetView(io.Out);
        bool terminal = ReferenceEquals(io.Out, Console.Out) && !Console.IsOutputRedirected;
        if (!terminal)
            return new PlainTestnetView(io.Out, options);
        return new LiveTestnetView(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Out) }), options);
    }
}
