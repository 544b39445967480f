using System.Diagnostics;
using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>
/// A process killed in the middle of writing leaves a file that passes SQLite's integrity check, opens
/// without being recreated, and holds every write the process had reported as done, with no gaps.
/// </summary>
public sealed class CrashSpecs : IDisposable
{
    private const int WritesBeforeKill = 300;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_killed_writer_loses_at_most_the_write_in_flight()
    {
        var lastReported = await RunWriterAndKillIt();

        using (var raw = Raw(_dir.DbFile))
            Assert.Equal("ok", Scalar(raw, "PRAGMA integrity_check"));

        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Null(db.RecoveryNote);
        // Every reported write is there; whatever came after is a contiguous tail (no holes, no half rows).
        var i = 0;
        for (; db.GetNode(Id(i)) is { } node; i++)
        {
            Assert.Equal(Node(i, T0.AddMilliseconds(i), SampleEnr), node);
            if (i < lastReported)
                Assert.Equal(T0.AddMilliseconds(i), db.LastPongReceived(Id(i), Ip(i)));
        }
        Assert.True(i > lastReported, $"reported {lastReported} done, found only 0..{i - 1}");
        Assert.Null(db.GetNode(Id(i + 1)));
        Assert.Null(db.GetNode(Id(i + 100)));
    }

    /// <summary>Starts the writer, waits until it reports enough commits, kills it; returns the last index it reported.</summary>
    private async Task<int> RunWriterAndKillIt()
    {
        var info = new ProcessStartInfo(DotnetHost(), ["exec", typeof(CrashWriterMode).Assembly.Location])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment[CrashWriterMode.EnvVar] = _dir.Path;

        using var child = Process.Start(info) ?? throw new InvalidOperationException("could not start the writer");
        var stderr = child.StandardError.ReadToEndAsync();
        var last = -1;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (last < WritesBeforeKill)
            {
                var line = await child.StandardOutput.ReadLineAsync(timeout.Token);
                if (line is null)
                    Assert.Fail($"writer exited early (code {(child.WaitForExit(5000) ? child.ExitCode : -1)}): {await stderr}");
                last = int.Parse(line!, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        finally
        {
            if (!child.HasExited)
                child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
        return last;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
            return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
