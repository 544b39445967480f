using System.Net;
using Devp2p.Actors;
using Devp2p.Actors.Protocols.Eth;
using Devp2p.Actors.Server;
using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Eth;

namespace Devp2p.Interop.Tests;

/// <summary>
/// The whole engine (ServerActor, PeerActor, eth/68 actor) against @ethereumjs/devp2p running its
/// eth/68 Status handshake: we dial it, it dials us; both Statuses are accepted and the connection
/// stays up for 10 s (ethereumjs pings in that time; a broken Pong or Status would drop it).
/// </summary>
[Trait("Category", "Interop")]
public sealed class EthereumJsEngineTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly ActorSystem _system = ActorSystem.Create("interop");
    private readonly byte[] _key = Secp256k1.GeneratePrivateKey();

    public void Dispose() => _system.Dispose();

    private ServerSettings Settings(params EnodeUrl[] statics) => new()
    {
        PrivateKey = _key,
        ListenEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        NoDiscovery = true,
        ClientId = "devp2p-actors/interop-test",
        Protocols = [EthProtocol.Registration(EthProtocolOptions.AtGenesis(ChainSpec.Mainnet))],
        StaticNodes = statics,
    };

    [InteropFact]
    public async Task We_dial_ethereumjs_and_both_accept_the_eth68_status()
    {
        await using var peer = await EthereumJsPeer.StartAsync(null, null, "--eth", "mainnet");
        var remote = new EnodeUrl(NodeId.FromBytes(peer.Id), IPAddress.Loopback, peer.Port, 0);
        await using var node = await Devp2pNode.StartAsync(_system, Settings(remote), "dialer");
        await AssertStatusExchangedAndStaysUp(peer, node);
    }

    [InteropFact]
    public async Task Ethereumjs_dials_us_and_both_accept_the_eth68_status()
    {
        await using var node = await Devp2pNode.StartAsync(_system, Settings(), "listener");
        await using var peer = await EthereumJsPeer.StartAsync(node.Info.ListenPort, node.Info.Id.Bytes.ToArray(), "--eth", "mainnet");
        await AssertStatusExchangedAndStaysUp(peer, node);
    }

    private static async Task AssertStatusExchangedAndStaysUp(EthereumJsPeer peer, Devp2pNode node)
    {
        var status = await peer.WaitForAsync("eth:status", Timeout);
        Assert.True(status.GetProperty("accepted").GetBoolean(), "ethereumjs refused our Status: " + peer.Log);
        Assert.Equal(1UL, status.GetProperty("status").GetProperty("networkId").GetUInt64());

        var info = await WaitForEthInfo(node, peer.Id);
        Assert.Equal(68u, info.Version);
        Assert.Equal(1UL, info.NetworkId);

        await Task.Delay(TimeSpan.FromSeconds(10));
        var peers = await node.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(5));
        Assert.Contains(peers, p => p.Id == NodeId.FromBytes(peer.Id));
        Assert.DoesNotContain("peer:removed", peer.Log, StringComparison.Ordinal);
    }

    private static async Task<EthPeerInfo> WaitForEthInfo(Devp2pNode node, byte[] id)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var peers = await node.Server.Ask<IReadOnlyList<PeerInfo>>(GetPeers.Instance, TimeSpan.FromSeconds(5));
            var match = peers.FirstOrDefault(p => p.Id == NodeId.FromBytes(id));
            if (match?.Protocols.GetValueOrDefault("eth") is EthPeerInfo info)
                return info;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("our node never completed the eth Status with ethereumjs; its peers: " + peers.Count);
            await Task.Delay(100);
        }
    }
}
