using System.Text.Json;

namespace Devp2p.Cli.Tests;

/// <summary>
/// The <c>devp2p</c> host's runtime settings that its figures depend on: server GC keeps gen0 pauses out of a
/// busy node's echo p99 (docs/performance.md, hot spot 15).
/// </summary>
public sealed class HostRuntimeConfigTests
{
    [Fact]
    public void The_devp2p_host_runs_with_server_gc()
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(CliApp).Assembly.Location)!, "devp2p.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
