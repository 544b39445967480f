using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p discv4 ping|resolve|crawl</c>, as go-ethereum's <c>devp2p discv4</c>: each starts an
/// ActorSystem with only a DiscoveryActor (throw-away key, free UDP port) and asks it. Exit 0 on
/// success; 1 with one stderr line on bad input or when the node does not answer.
/// </summary>
public static class Discv4Command
{
    public static Command Create(CliOutput io)
    {
        var root = new Command("discv4", "Node discovery v4 tools");
        root.Subcommands.Add(CreatePing(io));
        root.Subcommands.Add(CreateResolve(io));
        root.Subcommands.Add(Discv4Crawl.Create(io));
        return root;
    }

    private static Command CreatePing(CliOutput io)
    {
        var enode = new Argument<string>("enode") { Description = "enode://<128 hex node id>@<ip>:<tcp port>[?discport=<udp port>]" };
        var json = new Option<bool>("--json") { Description = "print JSON {rttMs, enrSeq}" };
        var timeout = TimeoutOption("1s", "how long to wait for the Pong");
        var ping = new Command("ping", "Send a discv4 Ping and wait for the Pong") { enode, json, timeout };
        ping.SetAction((parse, _) => PingAsync(io, parse.GetValue(enode)!, parse.GetValue(json), parse.GetValue(timeout)!));
        return ping;
    }

    private static Command CreateResolve(CliOutput io)
    {
        var enode = new Argument<string>("enode") { Description = "enode://<128 hex node id>@<ip>:<tcp port>[?discport=<udp port>]" };
        var timeout = TimeoutOption("1s", "how long to wait for each reply");
        var resolve = new Command("resolve", "Ask a node for its current record (ENRRequest) and print it") { enode, timeout };
        resolve.SetAction((parse, _) => ResolveAsync(io, parse.GetValue(enode)!, parse.GetValue(timeout)!));
        return resolve;
    }

    internal static Option<string> TimeoutOption(string defaultValue, string description) =>
        new("--timeout") { Description = $"{description}, e.g. 1s, 500ms, 1m", DefaultValueFactory = _ => defaultValue };

    private static async Task<int> PingAsync(CliOutput io, string enodeText, bool json, string timeoutText)
    {
        var target = ParseTarget("ping", enodeText);
        var timeout = ParseTimeout("ping", timeoutText);
        await using var session = await Discv4Session.StartAsync(AnyFor(target), [], timeout);
        var result = await session.Discovery.Ask<PingResult>(new PingNode(target), timeout + TimeSpan.FromSeconds(10));
        if (!result.Success)
            throw new CliException($"discv4 ping: no Pong from {target.UdpEndPoint} within {timeoutText}");
        double rtt = Math.Round(result.RoundTrip.TotalMilliseconds, 3);
        io.Out.WriteLine(json
            ? JsonSerializer.Serialize(new { rttMs = rtt, enrSeq = result.EnrSeq })
            : $"pong from {target.UdpEndPoint}: rtt {rtt.ToString(CultureInfo.InvariantCulture)} ms, enr seq {result.EnrSeq?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        return 0;
    }

    private static async Task<int> ResolveAsync(CliOutput io, string enodeText, string timeoutText)
    {
        var target = ParseTarget("resolve", enodeText);
        var timeout = ParseTimeout("resolve", timeoutText);
        await using var session = await Discv4Session.StartAsync(AnyFor(target), [], timeout);
        var result = await session.Discovery.Ask<ResolveResult>(new ResolveNode(target), 3 * timeout + TimeSpan.FromSeconds(10));
        if (!result.Fresh || result.Record is null)
            throw new CliException($"discv4 resolve: {target.UdpEndPoint} sent no record ({result.Error})");
        io.Out.WriteLine(result.Record.ToText());
        return 0;
    }

    /// <summary>A node to talk to: a complete enode URL (an address is required).</summary>
    internal static EnodeUrl ParseTarget(string verb, string text)
    {
        EnodeUrl url;
        try
        {
            url = EnodeUrl.Parse(text.Trim());
        }
        catch (EnodeFormatException e)
        {
            throw new CliException($"discv4 {verb}: {e.Message}");
        }
        if (url.UdpEndPoint is null)
            throw new CliException($"discv4 {verb}: the enode URL has no address");
        if (url.UdpPort == 0)
            throw new CliException($"discv4 {verb}: the enode URL has UDP port 0");
        return url;
    }

    internal static TimeSpan ParseTimeout(string verb, string text) =>
        RlpxCommand.TryParseDuration(text, out var value)
            ? value
            : throw new CliException($"discv4 {verb}: invalid --timeout '{text}' (use e.g. 1s, 500ms, 1m)");

    /// <summary>Listen on the wildcard of the target's address family, any port.</summary>
    internal static IPEndPoint AnyFor(EnodeUrl target) =>
        new(target.Ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
}
