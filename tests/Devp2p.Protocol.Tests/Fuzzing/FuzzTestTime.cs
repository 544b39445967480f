using System.Globalization;

namespace Devp2p.Protocol.Tests.Fuzzing;

/// <summary>Time budgets for the fuzz runner's watchdog, stretched by DEVP2P_TEST_TIMEFACTOR as every real-time test is.</summary>
internal static class FuzzTestTime
{
    public static double Factor =>
        double.TryParse(Environment.GetEnvironmentVariable("DEVP2P_TEST_TIMEFACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f >= 1 ? f : 1;

    public static TimeSpan Budget(double seconds) => TimeSpan.FromSeconds(seconds * Factor);
}
