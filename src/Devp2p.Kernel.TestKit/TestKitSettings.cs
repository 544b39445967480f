namespace Devp2p.Kernel.TestKit;

/// <summary>Per-test options for <see cref="TestKit"/>.</summary>
public sealed record TestKitSettings
{
    /// <summary>
    /// Timeout of expectations that are not given one (Akka's <c>akka.test.single-expect-default</c>):
    /// 3 s times <see cref="TimeFactor"/>.
    /// </summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3) * TimeFactor;

    /// <summary>
    /// Akka's <c>akka.test.timefactor</c>: the <c>DEVP2P_TEST_TIMEFACTOR</c> environment variable (a number
    /// ≥ 1, default 1) stretches the default expectation timeout on slow or shared machines, such as CI
    /// running every test assembly at once. Only waits for something that should happen get longer;
    /// a passing run is not slowed.
    /// </summary>
    public static double TimeFactor { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("DEVP2P_TEST_TIMEFACTOR"), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var factor) && factor >= 1 ? factor : 1;

    // Declared after TimeFactor: static initializers run in text order, and Default reads it.
    public static readonly TestKitSettings Default = new();

    /// <summary>Use a <see cref="TestScheduler"/> (virtual time, moved by <c>Advance</c>) as the system's scheduler.</summary>
    public bool UseVirtualTime { get; init; }

    /// <summary>Name of the test's ActorSystem.</summary>
    public string SystemName { get; init; } = "test";

    /// <summary>Settings of the test's ActorSystem; the TestKit replaces its logger and (with virtual time) its scheduler.</summary>
    public ActorSystemSettings SystemSettings { get; init; } = ActorSystemSettings.Default with { LogLevel = Event.LogLevel.DebugLevel };
}
