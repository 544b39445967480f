namespace Devp2p.Actors.Server;

/// <summary>
/// How MaxPeers splits between peers we dial and peers that dial us (geth's maxDialedConns and
/// maxInboundConns). Kept in one place because the server's checkpoints and the dialer's slot
/// arithmetic must agree on it.
/// </summary>
public static class PeerLimits
{
    /// <summary>geth's defaultDialRatio, used when the setting is not positive.</summary>
    public const int DefaultDialRatio = 3;

    /// <summary>Peers we may dial: MaxPeers / DialRatio, at least one; none when dialing is off or MaxPeers is 0.</summary>
    public static int MaxDialedConns(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.NoDial || settings.MaxPeers <= 0) return 0;
        var ratio = settings.DialRatio > 0 ? settings.DialRatio : DefaultDialRatio;
        return Math.Max(1, settings.MaxPeers / ratio);
    }

    /// <summary>Peers that may dial us: what MaxPeers leaves after the dialed share.</summary>
    public static int MaxInboundConns(ServerSettings settings) => Math.Max(0, settings.MaxPeers - MaxDialedConns(settings));
}
