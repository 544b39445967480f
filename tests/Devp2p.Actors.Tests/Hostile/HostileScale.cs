namespace Devp2p.Actors.Tests.Hostile;

/// <summary>
/// The size of the hostile scenarios. By default (CI) each runs in a shortened form that keeps the
/// whole Hostile suite around a minute on a loaded two-core machine; <c>DEVP2P_HOSTILE=full</c> runs
/// the figures of issue 9 (5,000 connection attempts in 10 s, 10,000 datagrams/s for 10 s, the 5 s
/// handshake deadline). docs/reliability.md records both.
/// </summary>
internal static class HostileScale
{
    public static bool Full { get; } =
        string.Equals(Environment.GetEnvironmentVariable("DEVP2P_HOSTILE"), "full", StringComparison.OrdinalIgnoreCase);

    /// <summary>The shortened value, or the full one under DEVP2P_HOSTILE=full.</summary>
    public static T Pick<T>(T shortened, T full) => Full ? full : shortened;

    /// <summary>Waits for something that should happen, stretched by DEVP2P_TEST_TIMEFACTOR.</summary>
    public static TimeSpan Patience(double seconds) => TimeSpan.FromSeconds(seconds * Kernel.TestKit.TestKitSettings.TimeFactor);
}
