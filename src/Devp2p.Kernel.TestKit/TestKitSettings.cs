namespace Devp2p.Kernel.TestKit;

/// <summary>Per-test options for <see cref="TestKit"/>.</summary>
public sealed record TestKitSettings
{
    public static readonly TestKitSettings Default = new();

    /// <summary>Timeout of expectations that are not given one (Akka's <c>akka.test.single-expect-default</c>).</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Use a <see cref="TestScheduler"/> (virtual time, moved by <c>Advance</c>) as the system's scheduler.</summary>
    public bool UseVirtualTime { get; init; }

    /// <summary>Name of the test's ActorSystem.</summary>
    public string SystemName { get; init; } = "test";

    /// <summary>Settings of the test's ActorSystem; the TestKit replaces its logger and (with virtual time) its scheduler.</summary>
    public ActorSystemSettings SystemSettings { get; init; } = ActorSystemSettings.Default with { LogLevel = Event.LogLevel.DebugLevel };
}
