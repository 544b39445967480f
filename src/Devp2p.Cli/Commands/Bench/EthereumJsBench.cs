using System.Diagnostics;
using System.Text.Json;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// <c>--compare ethereumjs</c>: runs the same workload on the @ethereumjs/devp2p harness
/// (tests/interop/bench.mjs, both ends in one Node.js process) and returns its figures, named as
/// ours so the table and the JSON put them side by side. Needs node on PATH and the harness's
/// node_modules (<c>npm ci</c> in tests/interop); the harness is found from the current directory
/// or the executable's upwards, or at <c>DEVP2P_INTEROP_DIR</c>.
/// </summary>
internal static class EthereumJsBench
{
    public const string DirectoryVariable = "DEVP2P_INTEROP_DIR";

    public static async Task<IReadOnlyList<BenchFigure>> RunAsync(string workload, int first, int second, CancellationToken ct)
    {
        var dir = HarnessDir() ?? throw new CliException(
            $"bench {workload} --compare ethereumjs: tests/interop/bench.mjs not found above the current directory; set {DirectoryVariable}");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@ethereumjs", "devp2p")))
            throw new CliException($"bench {workload} --compare ethereumjs: run `npm ci` in {dir} first");
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "bench.mjs", workload, first.ToString(System.Globalization.CultureInfo.InvariantCulture), second.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new CliException("bench: could not start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"bench {workload} --compare ethereumjs: cannot run node: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Parse(workload, lines, await stderr);
        }
    }

    /// <summary>The figures of the harness's <c>result</c> line; its <c>error</c> line (or none) is a CliException.</summary>
    internal static IReadOnlyList<BenchFigure> Parse(string workload, IEnumerable<string> lines, string stderr)
    {
        foreach (var line in lines.Where(l => l.StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            switch (root.GetProperty("event").GetString())
            {
                case "error":
                    throw new CliException($"bench {workload} --compare ethereumjs: {root.GetProperty("message").GetString()}");
                case "result":
                    return root.GetProperty("figures").EnumerateObject()
                        .Select(p => new BenchFigure(p.Name, p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : double.NaN, ""))
                        .ToList();
            }
        }
        var detail = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
        throw new CliException($"bench {workload} --compare ethereumjs: the harness printed no result ({detail})");
    }

    private static string? HarnessDir()
    {
        if (Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "bench.mjs")) ? configured : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "interop");
                if (File.Exists(Path.Combine(candidate, "bench.mjs")))
                    return candidate;
            }
        }
        return null;
    }
}
