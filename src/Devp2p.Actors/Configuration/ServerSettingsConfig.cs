using System.Net;
using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Kernel.Configuration;
using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Enode;
using static Devp2p.Actors.Configuration.SettingReader;

namespace Devp2p.Actors.Configuration;

/// <summary>
/// Reads the <c>devp2p.server</c> section into <see cref="ServerSettings"/>. The config is layered
/// over the embedded reference.conf, so a user file holds only what it changes. What cannot be
/// written in HOCON — the node key and the protocol actors — is passed in. Every bad value fails
/// here, at start-up, with a <see cref="ConfigException"/> naming the key and where it was written.
/// </summary>
public static class ServerSettingsConfig
{
    /// <summary>The section read.</summary>
    public const string Section = "devp2p.server";

    public static ServerSettings FromConfig(Config config, byte[] privateKey, IReadOnlyList<ProtocolRegistration>? protocols = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(privateKey);
        var c = config.WithFallback(ActorSystemSettings.Reference).GetConfig(Section);
        var datadir = c.GetString("datadir");
        return new ServerSettings
        {
            PrivateKey = privateKey,
            ListenEndPoint = ListenAddress(c, "listen"),
            MaxPeers = AtLeast(c, "max-peers", 0),
            MaxPendingPeers = AtLeast(c, "max-pending-peers", 1),
            DialRatio = AtLeast(c, "dial-ratio", 1),
            NoDial = c.GetBoolean("no-dial"),
            NoDiscovery = c.GetBoolean("no-discovery"),
            StaticNodes = Enodes(c, "static-nodes"),
            TrustedNodes = Enodes(c, "trusted-nodes"),
            BootstrapNodes = Enodes(c, "bootnodes"),
            NetRestrict = Networks(c, "net-restrict"),
            ClientId = c.GetString("client-id"),
            NodeDatabasePath = datadir.Length == 0 ? null : datadir,
            EnableMessageEvents = c.GetBoolean("message-events"),
            Protocols = protocols ?? [],
            HandshakeTimeout = Duration(c, "handshake-timeout"),
            HelloTimeout = Duration(c, "hello-timeout"),
            PingInterval = Duration(c, "ping-interval"),
            ReadTimeout = Duration(c, "read-timeout"),
            WriteTimeout = Duration(c, "write-timeout"),
            DisconnectGrace = Duration(c, "disconnect-grace"),
            WriteQueueCapacity = AtLeast(c, "write-queue-capacity", 1),
            DialTimeout = Duration(c, "dial-timeout"),
            MaxActiveDials = AtLeast(c, "max-active-dials", 1),
            DialHistoryExpiration = Duration(c, "dial-history-expiration"),
            InboundThrottle = Duration(c, "inbound-throttle"),
            ProtocolHandshakeTimeout = Duration(c, "protocol-handshake-timeout"),
        };
    }

    /// <summary>Parses <c>host:port</c> / <c>[ipv6]:port</c>; the empty string means "do not listen".</summary>
    public static IPEndPoint? ParseListenAddress(string text)
    {
        if (text.Length == 0)
            return null;
        // IPEndPoint.TryParse also takes a bare address (port 0) and an unbracketed IPv6 address;
        // a listen address must say its port, and an IPv6 one needs the brackets to say it.
        bool bracketed = text.StartsWith('[') && text.Contains("]:", StringComparison.Ordinal);
        bool plain = !text.StartsWith('[') && text.Count(ch => ch == ':') == 1;
        if (!(bracketed || plain) || !IPEndPoint.TryParse(text, out var endPoint))
            throw new FormatException($"'{text}' is not an address with a port (127.0.0.1:30303, [::1]:30303)");
        return endPoint;
    }

    private static IPEndPoint? ListenAddress(Config c, string key)
    {
        var text = c.GetString(key);
        try
        {
            return ParseListenAddress(text);
        }
        catch (FormatException e)
        {
            throw Invalid(c, key, e.Message);
        }
    }

    private static IReadOnlyList<EnodeUrl> Enodes(Config c, string key)
    {
        var result = new List<EnodeUrl>();
        foreach (var text in c.GetStringList(key))
        {
            try
            {
                result.Add(EnodeUrl.Parse(text));
            }
            catch (EnodeFormatException e)
            {
                throw Invalid(c, key, e.Message);
            }
        }
        return result;
    }

    private static IReadOnlyList<IpPrefix>? Networks(Config c, string key)
    {
        var list = c.GetStringList(key);
        if (list.Count == 0)
            return null;
        var result = new List<IpPrefix>(list.Count);
        foreach (var text in list)
        {
            try
            {
                result.Add(IpPrefix.Parse(text));
            }
            catch (FormatException e)
            {
                throw Invalid(c, key, e.Message);
            }
        }
        return result;
    }
}
