using System.CommandLine;
using Devp2p.Actors;
using Devp2p.Actors.Configuration;
using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Events;
using Devp2p.Actors.Protocols;
using Devp2p.Actors.Protocols.Echo;
using Devp2p.Actors.Protocols.Eth;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Eth;

namespace Devp2p.Cli.Commands;

/// <summary>
/// <c>devp2p node</c>: runs one node until Ctrl-C / SIGTERM. The first stdout line is the node's own
/// enode URL with the real port (scripts read it to connect others); then one line per peer event,
/// text or JSON (<see cref="PeerEventFormatter"/>). Settings: reference.conf &lt; <c>--config FILE.conf</c> &lt;
/// <c>DEVP2P_...</c> variables &lt; <c>--set key=value</c> &lt; flags (docs/configuration.md). Stops gracefully:
/// every peer gets Disconnect(client quitting).
/// </summary>
public static class NodeCommand
{
    public static Command Create(CliOutput io)
    {
        var listen = new Option<string?>("--listen") { Description = "TCP (and UDP) listen address, e.g. 127.0.0.1:30303; port 0 picks one" };
        var nodekey = new Option<string?>("--nodekey") { Description = "file holding the node key (64 hex digits); default: a fresh key" };
        var nodekeyHex = new Option<string?>("--nodekey-hex") { Description = "the node key as 64 hex digits" };
        var datadir = new Option<string?>("--datadir") { Description = "directory of the node database (default: in memory)" };
        var bootnodes = new Option<string?>("--bootnodes") { Description = "comma-separated enode URLs for discovery" };
        var statics = new Option<string?>("--static") { Description = "comma-separated enode URLs to keep connected" };
        var trusted = new Option<string?>("--trusted") { Description = "comma-separated enode URLs admitted past the limits" };
        var maxpeers = new Option<int?>("--maxpeers") { Description = "total peer limit (default 50)" };
        var nodiscover = new Option<bool>("--nodiscover") { Description = "do not run discovery" };
        var protocols = new Option<string[]>("--protocol") { Description = "sub-protocol to run: echo, eth (repeatable; default echo)", AllowMultipleArgumentsPerToken = true };
        var network = new Option<string>("--network") { Description = "chain for eth: mainnet or sepolia", DefaultValueFactory = _ => "mainnet" };
        var config = new Option<string?>("--config") { Description = "HOCON file with devp2p settings (over reference.conf; DEVP2P_... variables, --set and flags override it)" };
        var set = new Option<string[]>("--set") { Description = "a setting as key=value in HOCON, e.g. devp2p.server.max-peers=10 (repeatable)" };
        var events = new Option<string?>("--events") { Description = "event line format: text (default) or json" };
        var logLevel = new Option<string?>("--log-level") { Description = "engine log level on stderr: debug, info (default), warning, error, off" };
        var command = new Command("node", "Run a devp2p node until Ctrl-C")
        {
            listen, nodekey, nodekeyHex, datadir, bootnodes, statics, trusted, maxpeers, nodiscover, protocols, network, config, events, set, logLevel,
        };
        command.SetAction((parse, ct) => RunAsync(io, new NodeOptions(
            parse.GetValue(listen), parse.GetValue(nodekey), parse.GetValue(nodekeyHex), parse.GetValue(datadir),
            parse.GetValue(bootnodes), parse.GetValue(statics), parse.GetValue(trusted), parse.GetValue(maxpeers),
            parse.GetValue(nodiscover), parse.GetValue(protocols) ?? [], parse.GetValue(network)!, parse.GetValue(config),
            parse.GetValue(events), parse.GetValue(set)) { LogLevel = parse.GetValue(logLevel) }, ct));
        return command;
    }

    /// <summary>The command's inputs, as typed.</summary>
    public sealed record NodeOptions(string? Listen, string? NodeKeyFile, string? NodeKeyHex, string? DataDir, string? Bootnodes,
        string? Static, string? Trusted, int? MaxPeers, bool NoDiscover, string[] Protocols, string Network, string? ConfigFile, string? Events, string[]? Set = null)
    {
        /// <summary>--log-level: overrides devp2p.logging.level; null keeps the config's.</summary>
        public string? LogLevel { get; init; }
    }

    /// <summary>Runs the node until <paramref name="ct"/> is cancelled; used by the command and the tests.</summary>
    public static async Task<int> RunAsync(CliOutput io, NodeOptions options, CancellationToken ct)
    {
        bool json = options.Events switch
        {
            null or "text" => false,
            "json" => true,
            _ => throw new CliException($"node: --events must be text or json, got '{options.Events}'"),
        };
        var config = LoadConfig(options);
        var settings = BuildSettings(options, config);
        var components = Devp2pNode.Components(settings, settings.NoDiscovery ? null : DiscoverySettingsConfig.Factory(config));
        using var system = ActorSystem.Create("devp2p", SystemSettings(io, options, config));
        var printer = system.ActorOf(Props.Create(() => new EventPrinter(io.Out, new PeerEventFormatter(json))), "event-printer");
        system.EventStream.Subscribe(printer, typeof(PeerEvent));
        var node = await Devp2pNode.StartAsync(system, settings, components: components, cancellationToken: ct);
        io.Out.WriteLine(node.Info.Enode.ToString());
        io.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
        }
        await node.StopAsync();
        await system.Terminate();
        return 0;
    }

    internal static ServerSettings BuildSettings(NodeOptions o) => BuildSettings(o, LoadConfig(o));

    /// <summary>Kernel settings from the config layers, the engine's log on stderr at --log-level (or the config's devp2p.logging.level).</summary>
    internal static ActorSystemSettings SystemSettings(CliOutput io, NodeOptions o) => SystemSettings(io, o, LoadConfig(o));

    private static ActorSystemSettings SystemSettings(CliOutput io, NodeOptions o, Config config)
    {
        var settings = ActorSystemSettings.FromConfig(config) with { Logger = EngineLogging.CreateTextLogger(io.Err) };
        if (o.LogLevel is null)
            return settings;
        try
        {
            return settings with { LogLevel = LogLevelNames.Parse(o.LogLevel) };
        }
        catch (ArgumentException)
        {
            throw new CliException($"node: --log-level must be debug, info, warning, error or off, got '{o.LogLevel}'");
        }
    }

    private static ServerSettings BuildSettings(NodeOptions o, Config config)
    {
        if (o.NodeKeyFile is not null && o.NodeKeyHex is not null)
            throw new CliException("node: give --nodekey or --nodekey-hex, not both");
        var key = o.NodeKeyFile is not null ? PrivateKeyInput.FromFile(o.NodeKeyFile)
            : o.NodeKeyHex is not null ? PrivateKeyInput.FromHex(o.NodeKeyHex, "--nodekey-hex")
            : Secp256k1.GeneratePrivateKey();
        var settings = ServerSettingsConfig.FromConfig(config, key, Protocols(o));
        if (o.Listen is not null)
            settings = settings with { ListenEndPoint = ServerSettingsConfig.ParseListenAddress(o.Listen) ?? throw new CliException("node: --listen must not be empty") };
        if (o.DataDir is not null)
            settings = settings with { NodeDatabasePath = o.DataDir };
        if (o.NodeKeyFile is null && o.NodeKeyHex is null && settings.NodeDatabasePath is { } dataDir)
            settings = settings with { PrivateKey = LoadOrCreateNodeKey(dataDir) };
        if (o.Bootnodes is not null)
            settings = settings with { BootstrapNodes = Enodes(o.Bootnodes, "--bootnodes") };
        if (o.Static is not null)
            settings = settings with { StaticNodes = Enodes(o.Static, "--static") };
        if (o.Trusted is not null)
            settings = settings with { TrustedNodes = Enodes(o.Trusted, "--trusted") };
        if (o.MaxPeers is { } max)
            settings = settings with { MaxPeers = max >= 0 ? max : throw new CliException("node: --maxpeers must be 0 or more") };
        if (o.NoDiscover)
            settings = settings with { NoDiscovery = true };
        return settings;
    }

    // Without an explicit key, a node with a data directory keeps its identity across restarts.
    private static byte[] LoadOrCreateNodeKey(string dataDir)
    {
        try
        {
            return Devp2p.Actors.NodeKeyFile.LoadOrCreate(dataDir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new CliException($"node: {e.Message}");
        }
    }

    /// <summary>reference.conf &lt; --config &lt; DEVP2P_... variables &lt; --set (the flags are applied on the settings after).</summary>
    internal static Config LoadConfig(NodeOptions o)
    {
        if (o.ConfigFile is not null && !File.Exists(o.ConfigFile))
            throw new CliException($"node: config file {o.ConfigFile} does not exist");
        return new ConfigLayers
        {
            Files = o.ConfigFile is null ? [] : [o.ConfigFile],
            CommandLine = o.Set ?? [],
        }.Build();
    }

    private static IReadOnlyList<ProtocolRegistration> Protocols(NodeOptions o)
    {
        var names = o.Protocols.Length == 0 ? ["echo"] : o.Protocols.SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct();
        return names.Select(name => name switch
        {
            "echo" => EchoProtocol.Registration,
            "eth" => EthProtocol.Registration(EthProtocolOptions.AtGenesis(
                ChainSpec.FromName(o.Network) ?? throw new CliException($"node: unknown --network '{o.Network}' (mainnet, sepolia)"))),
            _ => throw new CliException($"node: unknown --protocol '{name}' (echo, eth)"),
        }).ToList();
    }

    private static IReadOnlyList<EnodeUrl> Enodes(string list, string option) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(text =>
        {
            try
            {
                return EnodeUrl.Parse(text);
            }
            catch (EnodeFormatException e)
            {
                throw new CliException($"node: {option}: {e.Message}");
            }
        }).ToList();

    /// <summary>Writes one line per peer event; the only writer to stdout once the node runs.</summary>
    private sealed class EventPrinter : ReceiveActor
    {
        public EventPrinter(TextWriter output, PeerEventFormatter formatter) =>
            Receive<PeerEvent>(e =>
            {
                if (formatter.Format(e) is { } line)
                {
                    output.WriteLine(line);
                    output.Flush();
                }
            });
    }
}
