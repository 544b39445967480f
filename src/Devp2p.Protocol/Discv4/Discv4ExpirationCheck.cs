namespace Devp2p.Protocol.Discv4;

/// <summary>The result of <see cref="Discv4Packet.CheckExpiration"/>.</summary>
public enum Discv4ExpirationCheck
{
    /// <summary>The expiration is now or later: process the packet.</summary>
    Valid,

    /// <summary>The expiration lies in the past: drop the packet (go-ethereum: <c>errExpired</c>).</summary>
    Expired,

    /// <summary>The packet type carries no expiration (ENRResponse): match it by its request hash instead.</summary>
    NoExpiration,
}

/// <summary>Unix-second helpers for the expiration field; the time is always passed in.</summary>
public static class Discv4Expiration
{
    /// <summary>The expiration to put in a packet sent at <paramref name="now"/>: now + 20 s, in unix seconds.</summary>
    public static ulong From(DateTimeOffset now) => From(now, Discv4Constants.DefaultExpiration);

    /// <summary>The expiration for a packet sent at <paramref name="now"/> that lives <paramref name="lifetime"/>.</summary>
    public static ulong From(DateTimeOffset now, TimeSpan lifetime) => ToUnixSeconds(now + lifetime);

    /// <summary>Unix seconds of <paramref name="time"/> (0 for times before 1970).</summary>
    public static ulong ToUnixSeconds(DateTimeOffset time)
    {
        long seconds = time.ToUnixTimeSeconds();
        return seconds < 0 ? 0 : (ulong)seconds;
    }
}
