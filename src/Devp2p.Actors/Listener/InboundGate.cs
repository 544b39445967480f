using System.Net;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Actors.Listener;

/// <summary>Why the listener refused a socket before any handshake.</summary>
public enum InboundRefusal
{
    None,
    /// <summary>The address is outside NetRestrict.</summary>
    NetRestrict,
    /// <summary>The same Internet address connected within the throttle window.</summary>
    Throttled,
}

/// <summary>
/// geth's checkInboundConn as a pure class: an address outside NetRestrict is refused; an Internet
/// (non-LAN, non-loopback) address that connected within the throttle window is refused, so one host
/// cannot spin handshakes. Each admitted Internet address is remembered until its window ends; the
/// history is swept on every check, so it holds at most the addresses seen in one window, and never
/// more than <see cref="MaxTracked"/> (past that, new Internet addresses are refused until it drains).
/// The clock is handed in (the scheduler's), so tests move it.
/// </summary>
public sealed class InboundGate
{
    /// <summary>Upper bound of the throttle history.</summary>
    public const int MaxTracked = 100_000;

    private readonly IReadOnlyList<IpPrefix>? _netRestrict;
    private readonly TimeSpan _window;
    private readonly Func<TimeSpan> _clock;
    private readonly Dictionary<IPAddress, TimeSpan> _until = new();
    private readonly PriorityQueue<IPAddress, TimeSpan> _expiry = new();

    public InboundGate(IReadOnlyList<IpPrefix>? netRestrict, TimeSpan window, Func<TimeSpan> clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _netRestrict = netRestrict;
        _window = window;
        _clock = clock;
    }

    /// <summary>Addresses currently remembered by the throttle.</summary>
    public int Tracked => _until.Count;

    /// <summary>Decides on one new connection from <paramref name="remote"/>; an admitted Internet address starts its window.</summary>
    public InboundRefusal Check(IPAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        if (_netRestrict is not null && !_netRestrict.Any(p => p.Contains(remote))) return InboundRefusal.NetRestrict;
        var now = _clock();
        Expire(now);
        if (IpNetworks.IsLan(remote) || _window <= TimeSpan.Zero) return InboundRefusal.None;
        if (_until.ContainsKey(remote) || _until.Count >= MaxTracked) return InboundRefusal.Throttled;
        var until = now + _window;
        _until[remote] = until;
        _expiry.Enqueue(remote, until);
        return InboundRefusal.None;
    }

    private void Expire(TimeSpan now)
    {
        while (_expiry.TryPeek(out var ip, out var until) && until <= now)
        {
            _expiry.Dequeue();
            if (_until.TryGetValue(ip, out var current) && current <= now) _until.Remove(ip);
        }
    }
}
