using System.Net;
using System.Text.Json;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Tests;

/// <summary><c>devp2p discv4 ping|resolve|crawl</c> against in-process DiscoveryActors on loopback UDP.</summary>
public sealed class Discv4CommandTests : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("discv4-cli-tests");
    private IActorRef _node = null!;
    private LocalRecord _record = null!;
    private EnodeUrl _enode = null!;

    public async Task InitializeAsync()
    {
        (_node, _record, _enode) = await StartNodeAsync(null);
    }

    public async Task DisposeAsync() => await _system.Terminate();

    private async Task<(IActorRef, LocalRecord, EnodeUrl)> StartNodeAsync(EnodeUrl? boot)
    {
        var settings = new DiscoverySettings
        {
            PrivateKey = Secp256k1.GeneratePrivateKey(),
            ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            TcpPort = 30303,
            Bootnodes = boot is null ? [] : [boot],
            RefreshInterval = TimeSpan.FromSeconds(1),
            UnprovenRevalidationInterval = TimeSpan.FromMilliseconds(100),
        };
        var node = _system.ActorOf(DiscoveryActor.Props(settings));
        var record = await node.Ask<LocalRecord>(GetLocalRecord.Instance, TimeSpan.FromSeconds(5));
        return (node, record, Enr.Parse(record.Enr).ToEnodeUrl());
    }

    [Fact]
    public void Ping_prints_rtt_and_enr_seq_as_json_and_exits_0()
    {
        var result = Cli.Run("discv4", "ping", _enode.ToString(), "--json");

        Assert.True(result.ExitCode == 0, result.Err);
        using var json = JsonDocument.Parse(result.Out);
        Assert.True(json.RootElement.GetProperty("rttMs").GetDouble() >= 0);
        Assert.Equal(_record.Seq, json.RootElement.GetProperty("enrSeq").GetUInt64());
    }

    [Fact]
    public void Ping_prints_a_text_line_without_json()
    {
        var result = Cli.Run("discv4", "ping", _enode.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"pong from 127.0.0.1:{_record.UdpPort}: rtt ", result.Out);
        Assert.Contains($"enr seq {_record.Seq}", result.Out);
    }

    [Fact]
    public void Resolve_prints_the_nodes_current_record()
    {
        var result = Cli.Run("discv4", "resolve", _enode.ToString());

        Assert.True(result.ExitCode == 0, result.Err);
        Assert.Equal(_record.Enr + "\n", result.Out);
    }

    [Fact]
    public void Ping_and_resolve_of_a_silent_node_exit_1_with_one_line()
    {
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;
        var url = new EnodeUrl(_enode.Id, IPAddress.Loopback, port, port).ToString();

        Cli.AssertFails(Cli.Run("discv4", "ping", url, "--timeout", "300ms"), "no Pong");
        Cli.AssertFails(Cli.Run("discv4", "resolve", url, "--timeout", "300ms"), "sent no record");
    }

    [Theory]
    [InlineData(new[] { "discv4" }, "Required command")]
    [InlineData(new[] { "discv4", "ping" }, "Required argument missing")]
    [InlineData(new[] { "discv4", "ping", "enode://abc@127.0.0.1:30303" }, "discv4 ping:")]
    [InlineData(new[] { "discv4", "resolve", "not-a-url" }, "discv4 resolve:")]
    [InlineData(new[] { "discv4", "crawl" }, "--bootnodes")]
    [InlineData(new[] { "discv4", "crawl", "--bootnodes", "," }, "at least one")]
    [InlineData(new[] { "discv4", "crawl", "--bootnodes", "enode://zz@1.2.3.4:1" }, "discv4 crawl:")]
    public void Bad_input_exits_1_with_one_line(string[] args, string messagePart)
    {
        Cli.AssertFails(Cli.Run(args), messagePart);
    }

    [Fact]
    public void A_bad_timeout_or_an_incomplete_url_exits_1()
    {
        Cli.AssertFails(Cli.Run("discv4", "ping", _enode.ToString(), "--timeout", "soon"), "invalid --timeout");
        Cli.AssertFails(Cli.Run("discv4", "ping", "enode://" + _enode.Id.ToHex()), "discv4 ping:");
    }

    [Fact]
    public async Task Crawl_lists_every_node_of_a_small_network_as_json()
    {
        var others = new List<EnodeUrl>();
        for (int i = 0; i < 4; i++)
            others.Add((await StartNodeAsync(_enode)).Item3);
        // The crawl starts from the bootnode: wait until it has met the others (they bond with it as they start),
        // else a crawl on a busy machine can finish before the network exists.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await _node.Ask<TableNodes>(GetTableNodes.Instance, TimeSpan.FromSeconds(10))).Nodes.Count < others.Count
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var file = Path.Combine(Path.GetTempPath(), $"crawl-{Guid.NewGuid():N}.json");
        try
        {
            var result = Cli.Run("discv4", "crawl", "--bootnodes", _enode.ToString(), "--timeout", "8s", "--out", file);

            Assert.True(result.ExitCode == 0, result.Err);
            Assert.Equal("", result.Out);
            Assert.Contains("discv4 crawl:", result.Err);
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var ids = json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToHashSet();
            Assert.Contains(_enode.Id.ToHex(), ids);
            Assert.All(others, o => Assert.Contains(o.Id.ToHex(), ids));
            var boot = json.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == _enode.Id.ToHex());
            Assert.Equal(_record.Enr, boot.GetProperty("enr").GetString());
            Assert.Equal("127.0.0.1", boot.GetProperty("ip").GetString());
            Assert.Equal(_record.UdpPort, boot.GetProperty("udp").GetInt32());
            Assert.Equal(30303, boot.GetProperty("tcp").GetInt32());
            Assert.StartsWith("enode://", boot.GetProperty("enode").GetString());
            Assert.True(boot.TryGetProperty("lastSeen", out _));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
