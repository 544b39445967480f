using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p discv4 crawl --bootnodes E,... [--timeout 30s] [--out FILE.json]</c>: random-target
/// lookups until the deadline (or until a run of lookups finds nothing new), then an ENRRequest to
/// every node found; prints (or writes) a JSON array of <c>{id, enode, enr, ip, tcp, udp, lastSeen}</c>
/// sorted by id. Progress goes to stderr.
/// </summary>
internal static class Discv4Crawl
{
    /// <summary>Lookups in a row that find no new node end the search early.</summary>
    private const int QuietLookups = 8;

    // Lookups on a fresh table can come back in milliseconds while the first bonds are still under way, so
    // "quiet" also needs this much time without a new node before the crawl ends early.
    private static readonly TimeSpan QuietTime = TimeSpan.FromSeconds(2);

    private sealed record CrawledNode(string Id, string Enode, string? Enr, string Ip, int Tcp, int Udp, DateTimeOffset LastSeen);

    public static Command Create(CliOutput io)
    {
        var bootnodes = new Option<string>("--bootnodes") { Description = "comma-separated enode URLs to start from", Required = true };
        var timeout = Discv4Command.TimeoutOption("30s", "total crawl time");
        var output = new Option<string?>("--out") { Description = "write the JSON array to this file instead of stdout" };
        var crawl = new Command("crawl", "Find every node reachable from the bootnodes and list them as JSON") { bootnodes, timeout, output };
        crawl.SetAction((parse, ct) => RunAsync(io, parse.GetValue(bootnodes)!, parse.GetValue(timeout)!, parse.GetValue(output), ct));
        return crawl;
    }

    private static async Task<int> RunAsync(CliOutput io, string bootnodesText, string timeoutText, string? outFile, CancellationToken ct)
    {
        var boots = bootnodesText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => Discv4Command.ParseTarget("crawl", b)).ToArray();
        if (boots.Length == 0)
            throw new CliException("discv4 crawl: --bootnodes needs at least one enode URL");
        var timeout = Discv4Command.ParseTimeout("crawl", timeoutText);
        if (outFile is not null && Path.GetDirectoryName(Path.GetFullPath(outFile)) is { } dir && !Directory.Exists(dir))
            throw new CliException($"discv4 crawl: --out: directory {dir} does not exist");

        var clock = Stopwatch.StartNew();
        await using var session = await Discv4Session.StartAsync(Discv4Command.AnyFor(boots[0]), boots, TimeSpan.FromMilliseconds(500));
        var found = new Dictionary<NodeId, Discv4Node>();
        var lookupBudget = timeout * 0.8;
        int quiet = 0;
        var lastNew = TimeSpan.Zero;
        while (clock.Elapsed < lookupBudget && !(quiet >= QuietLookups && clock.Elapsed - lastNew >= QuietTime) && !ct.IsCancellationRequested)
        {
            var target = NodeId.FromBytes(RandomNumberGenerator.GetBytes(NodeId.Length));
            var result = await session.Discovery.Ask<LookupResult>(new LookupNodes(target), TimeSpan.FromMinutes(1), ct);
            var table = await session.Discovery.Ask<TableNodes>(GetTableNodes.Instance, TimeSpan.FromSeconds(10), ct);
            int before = found.Count;
            foreach (var node in result.Nodes.Concat(table.Nodes.Select(t => t.Node)))
                found.TryAdd(node.Id, node);
            quiet = found.Count == before ? quiet + 1 : 0;
            if (quiet == 0)
                lastNew = clock.Elapsed;
            io.Err.WriteLine($"discv4 crawl: {found.Count} nodes after {clock.Elapsed.TotalSeconds:F1}s");
        }

        var crawled = await ResolveAllAsync(session, found.Values, ct);
        io.Err.WriteLine($"discv4 crawl: {crawled.Count} nodes, {crawled.Count(c => c.Enr is not null)} with a record, in {clock.Elapsed.TotalSeconds:F1}s");
        var text = JsonSerializer.Serialize(crawled, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true });
        if (outFile is null)
            io.Out.WriteLine(text);
        else
            await File.WriteAllTextAsync(outFile, text + "\n", ct);
        return 0;
    }

    private static async Task<List<CrawledNode>> ResolveAllAsync(Discv4Session session, IEnumerable<Discv4Node> nodes, CancellationToken ct)
    {
        var crawled = new List<CrawledNode>();
        foreach (var chunk in nodes.Where(n => n.Address is not null).Chunk(16))
        {
            var results = await Task.WhenAll(chunk.Select(async node =>
            {
                var url = new EnodeUrl(node.Id, node.Address, node.TcpPort, node.UdpPort);
                var resolved = await session.Discovery.Ask<ResolveResult>(new ResolveNode(url), TimeSpan.FromSeconds(10), ct);
                var table = await session.Discovery.Ask<TableNodes>(GetTableNodes.Instance, TimeSpan.FromSeconds(10), ct);
                var seen = table.Nodes.FirstOrDefault(t => t.Node.Id.Equals(node.Id))?.LastSeen ?? session.System.Scheduler.Now;
                return new CrawledNode(node.Id.ToHex(), url.ToString(), resolved.Record?.ToText(), node.Address!.ToString(),
                    node.TcpPort, node.UdpPort, resolved.Fresh ? session.System.Scheduler.Now : seen);
            }));
            crawled.AddRange(results);
        }
        crawled.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return crawled;
    }
}
