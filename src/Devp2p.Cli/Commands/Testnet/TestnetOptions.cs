using Devp2p.Actors.Protocols;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Protocols.Eth;
using Devp2p.Protocol.Eth;

namespace Devp2p.Cli.Commands.Testnet;

/// <summary>
/// The validated inputs of <c>devp2p testnet</c>. <see cref="Parse"/> turns what the user typed into
/// this or a <see cref="CliException"/> naming the bad option, so the command fails with one line.
/// </summary>
internal sealed record TestnetOptions(int Nodes, TimeSpan Duration, string Protocol, bool Json)
{
    /// <summary>Fewest nodes: a bootnode and one other.</summary>
    public const int MinNodes = 2;

    /// <summary>
    /// Most nodes: with <see cref="TestnetTuning.MaxPeers"/> 50 and its dial ratio a full mesh fits up
    /// to 51 nodes; 50 keeps one process (two sockets and a scheduler thread per node) reasonable.
    /// </summary>
    public const int MaxNodes = 50;

    /// <summary>Longest run: a day is plenty for watching a local network, and keeps timers in range.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    public static TestnetOptions Parse(int nodes, string duration, string protocol, bool json)
    {
        if (nodes is < MinNodes or > MaxNodes)
            throw new CliException($"testnet: --nodes must be between {MinNodes} and {MaxNodes}, got {nodes}");
        if (!RlpxCommand.TryParseDuration(duration, out var span))
            throw new CliException($"testnet: invalid --duration '{duration}' (use e.g. 60s, 500ms, 2m)");
        if (span > MaxDuration)
            throw new CliException($"testnet: --duration must be at most 24h, got '{duration}'");
        if (protocol is not ("echo" or "eth"))
            throw new CliException($"testnet: unknown --protocol '{protocol}' (echo, eth)");
        return new TestnetOptions(nodes, span, protocol, json);
    }

    /// <summary>Peers every node must reach for the network to count as converged: min(MaxPeers, N − 1).</summary>
    public int TargetPeers => Math.Min(TestnetTuning.MaxPeers, Nodes - 1);

    /// <summary>The sub-protocol every node runs (eth/68 at mainnet genesis, or echo/1).</summary>
    public ProtocolRegistration Registration() => Protocol == "eth"
        ? EthProtocol.Registration(EthProtocolOptions.AtGenesis(ChainSpec.Mainnet))
        : EchoProtocol.Registration;
}
