using System.Runtime.CompilerServices;
using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>
/// Lets this test assembly double as the child process of <see cref="CrashSpecs"/>: started as
/// <c>dotnet exec Devp2p.Actors.Tests.dll</c> with <see cref="EnvVar"/> set to a directory, it writes
/// nodes in a tight loop, printing each index once committed, until it is killed. A module initializer
/// runs before the test SDK's empty Main, so no extra project is needed. Without the variable it does nothing.
/// </summary>
internal static class CrashWriterMode
{
    public const string EnvVar = "DEVP2P_NODEDB_CRASH_WRITER";

    // Bounds the loop if the parent dies without killing us.
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(60);

#pragma warning disable CA2255 // test-only: the entry hook for the child process
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Run()
    {
        var directory = Environment.GetEnvironmentVariable(EnvVar);
        if (string.IsNullOrEmpty(directory))
            return;

        using var db = SqliteNodeDatabase.Open(directory);
        var stdout = Console.Out;
        var started = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 10_000_000 && started.Elapsed < MaxRun; i++)
        {
            db.UpsertNode(Node(i, T0.AddMilliseconds(i), SampleEnr));
            db.SetLastPongReceived(Id(i), Ip(i), T0.AddMilliseconds(i));
            stdout.WriteLine(i);
            stdout.Flush();
        }
        Environment.Exit(0);
    }
}
