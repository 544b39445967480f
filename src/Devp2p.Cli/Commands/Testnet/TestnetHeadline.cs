using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>The first line of the plain and live views: what is being started.</summary>
internal static class TestnetHeadline
{
    public static string Text(TestnetOptions o) =>
        $"testnet: {o.Nodes} nodes on 127.0.0.1 running {o.Protocol}, secp256k1 {Secp256k1.BackendName}; "
        + $"target {o.TargetPeers} peers each, for at most {TestnetResult.Seconds(o.Duration)}";
}
