using Serilog;
using Xunit.Abstractions;

namespace Devp2p.Kernel.TestKit;

/// <summary>
/// Base class for actor tests under xunit (Akka's <c>Akka.TestKit.Xunit2.TestKit</c>): every test gets its own
/// ActorSystem, terminated on Dispose, with its logs written to the test's output. The TestActor is the implicit
/// sender of <c>actor.Tell(message)</c> from the test. With <c>useVirtualTime</c> the system runs on a
/// <see cref="TestScheduler"/> moved by <see cref="Advance"/>.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int _probeCounter;
    private readonly ITestOutputHelper? _output;
    private bool _disposed;

    static TestKit()
    {
        // Expectations block test threads; make sure actors still find pool threads on small machines.
        ThreadPool.GetMinThreads(out var workers, out var io);
        if (workers < 16) ThreadPool.SetMinThreads(16, io);
    }

    protected TestKit(ITestOutputHelper? output = null, bool useVirtualTime = false)
        : this(TestKitSettings.Default with { UseVirtualTime = useVirtualTime }, output) { }

    protected TestKit(TestKitSettings settings, ITestOutputHelper? output = null)
        : this(settings, output, CreateSystem(settings, output, out var scheduler), scheduler) { }

    private TestKit(TestKitSettings settings, ITestOutputHelper? output, ActorSystem system, TestScheduler? scheduler)
        : base(system, settings, "testActor")
    {
        _output = output;
        VirtualScheduler = scheduler;
        system.ImplicitSender = TestActor;
        EventFilter = new EventFilterFactory(this);
    }

    private static ActorSystem CreateSystem(TestKitSettings settings, ITestOutputHelper? output, out TestScheduler? scheduler)
    {
        var virtualScheduler = settings.UseVirtualTime ? new TestScheduler() : null;
        scheduler = virtualScheduler;
        var systemSettings = settings.SystemSettings;
        if (output is not null)
        {
            systemSettings = systemSettings with
            {
                Logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new TestOutputSink(output)).CreateLogger(),
            };
        }
        if (virtualScheduler is not null) systemSettings = systemSettings with { SchedulerFactory = () => virtualScheduler };
        return ActorSystem.Create(settings.SystemName, systemSettings);
    }

    /// <summary>The virtual-time scheduler, or null when the test runs in real time.</summary>
    public TestScheduler? VirtualScheduler { get; }

    /// <summary>Asserts on logged events and dead letters: <c>EventFilter.Error&lt;MyException&gt;().ExpectOne(() =&gt; ...)</c>.</summary>
    public EventFilterFactory EventFilter { get; }

    /// <summary>Moves virtual time forward, delivering every scheduled message that falls due, in order.</summary>
    public void Advance(TimeSpan by) =>
        (VirtualScheduler ?? throw new InvalidOperationException("Advance needs virtual time: construct the TestKit with useVirtualTime: true.")).Advance(by);

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public IActorRef ActorOf<TActor>(string? name = null) where TActor : ActorBase, new() => Sys.ActorOf(Props.Create<TActor>(), name);

    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, Settings, name ?? $"testProbe{Interlocked.Increment(ref _probeCounter)}");

    /// <summary>Writes a line to the test output (if any).</summary>
    protected void WriteLine(string line)
    {
        try
        {
            _output?.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
        }
    }

    /// <summary>Terminates the test's system (waiting up to 10 s).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        if (!Sys.Terminate().Wait(TimeSpan.FromSeconds(10))) WriteLine($"WARNING: ActorSystem {Sys.Name} did not terminate within 10 s");
    }
}
