using Devp2p.Protocol.Crypto;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Devp2p.Cli.Commands;

namespace Devp2p.Interop.Tests;

/// <summary><c>devp2p rlpx ping</c> against the ethereumjs peer, and its failure lines.</summary>
public class RlpxPingCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Ping(string enode, bool json, string timeout = "10s")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await RlpxCommand.RunPingAsync(enode, json, timeout, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [InteropFact, Trait("Category", "Interop")]
    public async Task Ping_prints_the_remote_hello_as_json()
    {
        await using var peer = await EthereumJsPeer.StartAsync();
        var (code, output, error) = await Ping($"enode://{Convert.ToHexStringLower(peer.Id)}@127.0.0.1:{peer.Port}", json: true);
        Assert.True(code == 0, error);
        var hello = JsonDocument.Parse(output).RootElement;
        Assert.Equal(5, hello.GetProperty("protocolVersion").GetInt32());
        Assert.StartsWith("ethereumjs-devp2p/", hello.GetProperty("clientId").GetString());
        Assert.Contains("eth/68", hello.GetProperty("caps").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(Convert.ToHexStringLower(peer.Id), hello.GetProperty("id").GetString());
        Assert.True(hello.TryGetProperty("listenPort", out _));
    }

    [InteropFact, Trait("Category", "Interop")]
    public async Task Ping_prints_text()
    {
        await using var peer = await EthereumJsPeer.StartAsync();
        var (code, output, error) = await Ping($"enode://{Convert.ToHexStringLower(peer.Id)}@127.0.0.1:{peer.Port}", json: false);
        Assert.True(code == 0, error);
        Assert.Contains("clientId:        ethereumjs-devp2p/", output);
        Assert.Contains("caps:            eth/68", output);
    }

    [Fact]
    public async Task Unreachable_node_fails_at_connect_with_one_line()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now
        var id = Convert.ToHexStringLower(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey()));
        var (code, output, error) = await Ping($"enode://{id}@127.0.0.1:{port}", json: true);
        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("rlpx ping: connect with 127.0.0.1:", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Silent_node_fails_at_the_rlpx_handshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var id = Convert.ToHexStringLower(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey()));
        var (code, _, error) = await Ping($"enode://{id}@127.0.0.1:{port}", json: false, timeout: "300ms");
        Assert.Equal(1, code);
        Assert.StartsWith("rlpx ping: rlpx handshake with 127.0.0.1:", error);
    }

    [Theory]
    [InlineData("enode://abc@127.0.0.1:30303")]
    [InlineData("http://127.0.0.1:30303")]
    public async Task Bad_enode_is_a_usage_error(string enode)
    {
        var (code, _, error) = await Ping(enode, json: false);
        Assert.Equal(1, code);
        Assert.StartsWith("rlpx ping: invalid enode URL", error);
    }
}
