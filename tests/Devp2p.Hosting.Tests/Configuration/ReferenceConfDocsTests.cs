using System.Text.RegularExpressions;
using Devp2p.Actors.Configuration;
using Devp2p.Kernel.Configuration;
using Devp2p.Tests.Shared;

namespace Devp2p.Hosting.Tests.Configuration;

/// <summary>hocon/reference.conf and docs/configuration.md list the same keys; the shipped examples are valid.</summary>
public sealed partial class ReferenceConfDocsTests
{
    private static readonly string Reference = Path.Combine(RepoPaths.RepoRoot, "hocon", "reference.conf");
    private static readonly string Doc = Path.Combine(RepoPaths.RepoRoot, "docs", "configuration.md");

    private static HashSet<string> ReferenceKeys() =>
        ConfigFactory.ParseFile(Reference).AsEnumerable().Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);

    // A documented key is a table row's first cell: | `devp2p.x.y` | default | meaning |
    private static HashSet<string> DocumentedKeys() =>
        File.ReadLines(Doc).Select(line => TableKey().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\|\s*`(devp2p\.[a-z0-9.\-]+)`\s*\|")]
    private static partial Regex TableKey();

    [Fact]
    public void Every_key_in_reference_conf_has_a_row_in_configuration_md()
    {
        var missing = ReferenceKeys().Except(DocumentedKeys()).Order().ToList();
        Assert.True(missing.Count == 0, "in reference.conf but not in configuration.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_key_documented_in_configuration_md_exists_in_reference_conf()
    {
        var documented = DocumentedKeys();
        Assert.NotEmpty(documented);
        var reference = ConfigFactory.ParseFile(Reference);
        // Empty objects (e.g. a map of per-category levels) are keys too, though AsEnumerable lists only leaves.
        var unknown = documented.Where(key => !reference.HasPath(key)).Order().ToList();
        Assert.True(unknown.Count == 0, "in configuration.md but not in reference.conf: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_documented_defaults_are_the_reference_values()
    {
        var reference = ConfigFactory.ParseFile(Reference);
        foreach (var line in File.ReadLines(Doc))
        {
            var m = RowWithDefault().Match(line);
            if (!m.Success)
                continue;
            var key = m.Groups[1].Value;
            var documented = m.Groups[2].Value.Trim('"');
            var value = reference.GetValue(key);
            if (value is ConfigObject || documented.Contains("${", StringComparison.Ordinal))
                continue; // maps and substitutions are described, not compared
            var actual = value is ConfigArray array ? "[" + string.Join(", ", array.Select(v => v.ToString())) + "]" : reference.GetString(key);
            Assert.True(documented == actual, $"{key}: configuration.md says {documented}, reference.conf says {actual}");
        }
    }

    [GeneratedRegex(@"^\|\s*`(devp2p\.[a-z0-9.\-]+)`\s*\|\s*`([^`]*)`\s*\|")]
    private static partial Regex RowWithDefault();

    [Theory]
    [InlineData("local-network.conf")]
    [InlineData("internet-node.conf")]
    public void The_example_configs_are_valid(string name)
    {
        var path = Path.Combine(RepoPaths.RepoRoot, "hocon", "examples", name);
        var config = new ConfigLayers { UseEnvironment = false, Files = [path] }.Build();
        var unknown = config.AsEnumerable().Select(kv => kv.Key).Except(ReferenceKeys()).ToList();
        Assert.True(unknown.Count == 0, $"{name} sets keys reference.conf does not know: " + string.Join(", ", unknown));
        var settings = ServerSettingsConfig.FromConfig(config, Keys.A);
        Assert.NotNull(settings);
        Assert.NotNull(DiscoverySettingsConfig.Factory(config));
        Assert.NotNull(Kernel.ActorSystemSettings.FromConfig(config));
    }
}
