using System.Globalization;

namespace Devp2p.Protocol.Tests;

/// <summary>Real-time budgets (fuzz watchdogs, handshake deadlines over loopback TCP), stretched by DEVP2P_TEST_TIMEFACTOR on loaded machines.</summary>
internal static class TestTime
{
    public static double Factor =>
        double.TryParse(Environment.GetEnvironmentVariable("DEVP2P_TEST_TIMEFACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : 1;

    public static TimeSpan Budget(double seconds) => TimeSpan.FromSeconds(seconds * Factor);
}
