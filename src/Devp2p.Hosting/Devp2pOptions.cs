using Devp2p.Actors;
using Devp2p.Actors.Configuration;
using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;
using Devp2p.Protocol.Crypto;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Devp2p.Hosting;

/// <summary>
/// How a hosted node is built, set in <c>services.AddDevp2p(options =&gt; ...)</c>. Settings come in
/// layers, lowest first: reference.conf &lt; HOCON files (<see cref="UseHoconFile"/>) and text
/// &lt; <c>DEVP2P_...</c> environment variables &lt; IConfiguration sections (<see cref="UseConfiguration"/>,
/// the host's appsettings and command line) &lt; code (<see cref="Configure"/>). What HOCON cannot hold —
/// the node key and the protocol actors — is set here. Nothing is read until the host starts, so a bad
/// file or value fails <c>IHost.StartAsync</c> with a message naming the key and where it was written.
/// </summary>
public sealed class Devp2pOptions
{
    private readonly List<string> _hoconFiles = [];
    private readonly List<Func<Config>> _userLayers = [];
    private readonly List<Func<Config>> _configurationLayers = [];
    private readonly List<ProtocolRegistration> _protocols = [];
    private readonly List<Func<ServerSettings, ServerSettings>> _configure = [];
    private readonly List<Func<ActorSystemSettings, ActorSystemSettings>> _configureSystem = [];
    private Func<byte[]>? _key;
    private bool _useEnvironment = true;

    /// <summary>Name of the ActorSystem (and of log sources).</summary>
    public string SystemName { get; set; } = "devp2p";

    /// <summary>Events buffered per reader of <see cref="IDevp2pNode.ReadEventsAsync"/>; past it the oldest are dropped and counted.</summary>
    public int EventBufferCapacity { get; set; } = 1024;

    /// <summary>How long start-up may take (the listener binding) before the host's start fails.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an <see cref="IDevp2pNode"/> request (GetPeersAsync, AddPeerAsync, …) waits for the server's answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the graceful stop waits for peers to take their Disconnect before it forces them.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The node key (32 bytes); its public key is the node id.</summary>
    public Devp2pOptions UsePrivateKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Secp256k1.Default.IsValidPrivateKey(key))
            throw new ArgumentException("not a valid secp256k1 private key", nameof(key));
        var copy = key.ToArray();
        _key = () => copy;
        return this;
    }

    /// <summary>The node key as 64 hex digits.</summary>
    public Devp2pOptions UsePrivateKeyHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var key = NodeKey.FromHex(hex, "UsePrivateKeyHex");
        _key = () => key;
        return this;
    }

    /// <summary>The node key from a file of 64 hex digits, read when the host starts.</summary>
    public Devp2pOptions UsePrivateKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _key = () => NodeKey.FromFile(path);
        return this;
    }

    /// <summary>
    /// A fresh key at every start: a new node id each run. Without any key option the node keeps its key in
    /// <c>devp2p.server.datadir</c> (<c>nodekey</c>, created on first start, as <c>devp2p node</c> does), or uses a
    /// fresh one when there is no data directory.
    /// </summary>
    public Devp2pOptions UseEphemeralKey()
    {
        _key = () => Secp256k1.GeneratePrivateKey();
        return this;
    }

    /// <summary>A HOCON file layered over reference.conf; a later file overrides an earlier one.</summary>
    public Devp2pOptions UseHoconFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _hoconFiles.Add(path);
        return this;
    }

    /// <summary>HOCON text, at the same level as the files (after them).</summary>
    public Devp2pOptions UseHocon(string hocon, string originName = "<hocon>")
    {
        ArgumentNullException.ThrowIfNull(hocon);
        _userLayers.Add(() => ConfigFactory.ParseString(hocon, originName));
        return this;
    }

    /// <summary>
    /// An IConfiguration section standing for <c>devp2p</c> (e.g. <c>builder.Configuration.GetSection("devp2p")</c>):
    /// <c>server:max-peers</c> (or <c>Server:MaxPeers</c>) is <c>devp2p.server.max-peers</c>. Above the environment layer.
    /// </summary>
    public Devp2pOptions UseConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _configurationLayers.Add(() => ConfigurationBridge.ToConfig(section));
        return this;
    }

    /// <summary>Whether <c>DEVP2P_...</c> environment variables are read (default on; see docs/configuration.md).</summary>
    public Devp2pOptions UseEnvironment(bool enabled = true)
    {
        _useEnvironment = enabled;
        return this;
    }

    /// <summary>Runs this sub-protocol with every peer that shares it (announced in Hello).</summary>
    public Devp2pOptions AddProtocol(ProtocolRegistration protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (_protocols.Any(p => p.Name == protocol.Name && p.Version == protocol.Version))
            throw new InvalidOperationException($"protocol {protocol.Name}/{protocol.Version} is already registered");
        _protocols.Add(protocol);
        return this;
    }

    /// <summary>The highest layer: <c>Configure(s =&gt; s with { MaxPeers = 10 })</c>, applied in order after every file and variable.</summary>
    public Devp2pOptions Configure(Func<ServerSettings, ServerSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }

    /// <summary>
    /// Code-only kernel settings, applied after <c>devp2p.kernel</c> is read. Unless one sets <c>Logger</c>, the
    /// engine logs to the host's ILoggerFactory.
    /// </summary>
    public Devp2pOptions ConfigureSystem(Func<ActorSystemSettings, ActorSystemSettings> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configureSystem.Add(configure);
        return this;
    }

    /// <summary>The sub-protocols registered so far.</summary>
    public IReadOnlyList<ProtocolRegistration> Protocols => _protocols;

    /// <summary>The layers merged (reference.conf last), as the node will read them.</summary>
    public Config BuildConfig() => new ConfigLayers
    {
        Files = _hoconFiles,
        UserConfigs = [.. _userLayers.Select(layer => layer())],
        UseEnvironment = _useEnvironment,
        CommandLineConfigs = [.. _configurationLayers.Select(layer => layer())],
    }.Build();

    /// <summary>Everything the node starts with; reads files and the key, so it throws what they throw.</summary>
    internal Devp2pStartup Build(ILoggerFactory? loggerFactory = null)
    {
        var config = BuildConfig();
        var system = _configureSystem.Aggregate(ActorSystemSettings.FromConfig(config), (s, f) => f(s));
        if (system.Logger is null && loggerFactory is not null)
        {
            system = system with
            {
                Logger = new Serilog.LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new MicrosoftLoggingSink(loggerFactory)).CreateLogger(),
            };
        }
        var settings = ServerSettingsConfig.FromConfig(config, _key?.Invoke() ?? Secp256k1.GeneratePrivateKey(), _protocols.ToList());
        if (_key is null && settings.NodeDatabasePath is { } dataDir)
            settings = settings with { PrivateKey = NodeKeyFile.LoadOrCreate(dataDir) };
        settings = _configure.Aggregate(settings, (s, f) => f(s));
        var components = Devp2pNode.Components(settings, settings.NoDiscovery ? null : DiscoverySettingsConfig.Factory(config));
        return new Devp2pStartup(config, system, settings, components);
    }
}
