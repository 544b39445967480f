namespace Devp2p.Interop.Tests;

/// <summary>
/// Whether the interop tests can run: they need node and npm on PATH. Without them the tests are
/// skipped with the reason — unless DEVP2P_INTEROP=required (as .ci/run sets), which makes them
/// run and fail. Decided at discovery time (xunit 2 has no dynamic skip).
/// </summary>
internal static class InteropEnvironment
{
    public const string Variable = "DEVP2P_INTEROP";

    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable(Variable)?.Trim(), "required", StringComparison.OrdinalIgnoreCase);

    public static string HarnessDir => Path.Combine(Devp2p.Tests.Shared.RepoPaths.RepoRoot, "tests", "interop");

    private static readonly Lazy<string?> Missing = new(() =>
    {
        var missing = new[] { "node", "npm" }.Where(tool => FindOnPath(tool) is null).ToArray();
        return missing.Length == 0 ? null : string.Join(" and ", missing) + " not found on PATH";
    });

    public static string? SkipReason =>
        Required || Missing.Value is null
            ? null
            : $"interop with @ethereumjs/devp2p skipped: {Missing.Value}; install Node.js 20+ with npm, or set {Variable}=required to make this a failure";

    public static string? FindOnPath(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { tool + ".exe", tool + ".cmd" } : new[] { tool })
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path))
                    return path;
            }
        }
        return null;
    }
}

/// <summary>A fact against the npm peer, skipped as <see cref="InteropEnvironment"/> says.</summary>
public sealed class InteropFactAttribute : FactAttribute
{
    public InteropFactAttribute() => Skip = InteropEnvironment.SkipReason!;
}
