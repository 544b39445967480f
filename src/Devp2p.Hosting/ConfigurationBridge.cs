using System.Text;
using Devp2p.Kernel.Configuration;
using Microsoft.Extensions.Configuration;

namespace Devp2p.Hosting;

/// <summary>
/// Turns a Microsoft.Extensions.Configuration section (appsettings.json, environment, command line as
/// the .NET host reads them) into a HOCON <see cref="Config"/> layer, so one reader validates every
/// source. The section stands for <c>devp2p</c>: <c>Server:MaxPeers</c>, <c>server:max-peers</c> and
/// <c>server:max_peers</c> all become <c>devp2p.server.max-peers</c>; children named 0, 1, … are a list.
/// Values keep their origin (<c>configuration devp2p:server:max-peers</c>) for error messages.
/// </summary>
internal static class ConfigurationBridge
{
    public static Config ToConfig(IConfiguration section, string root = "devp2p")
    {
        ArgumentNullException.ThrowIfNull(section);
        var prefix = section is IConfigurationSection s ? s.Path : "";
        var pairs = new List<KeyValuePair<string, object?>>();
        foreach (var child in section.GetChildren())
        {
            if (Convert(child) is { } value)
                pairs.Add(new(Quote(root) + "." + Quote(KebabCase(child.Key)), value));
        }
        return ConfigFactory.FromPairs(pairs, "configuration " + (prefix.Length == 0 ? "(root)" : prefix));
    }

    private static ConfigValue? Convert(IConfigurationSection section)
    {
        var origin = new ConfigOrigin("configuration " + section.Path, 0, 0);
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
            return section.Value is { } text ? new ConfigString(text, origin) : null;
        if (IsList(children))
        {
            var items = children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture))
                .Select(Convert).OfType<ConfigValue>();
            return new ConfigArray(items, origin);
        }
        var fields = new List<KeyValuePair<string, ConfigValue>>();
        foreach (var child in children)
        {
            if (Convert(child) is { } value)
                fields.Add(new(KebabCase(child.Key), value));
        }
        return new ConfigObject(fields, origin);
    }

    private static bool IsList(List<IConfigurationSection> children) =>
        children.All(c => int.TryParse(c.Key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        && children.Select(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)).Order().SequenceEqual(Enumerable.Range(0, children.Count));

    /// <summary><c>MaxPeers</c> → <c>max-peers</c>, <c>max_peers</c> → <c>max-peers</c>; kebab case stays as it is.</summary>
    internal static string KebabCase(string key)
    {
        var result = new StringBuilder(key.Length + 4);
        for (int i = 0; i < key.Length; i++)
        {
            char ch = key[i];
            if (ch == '_')
            {
                result.Append('-');
            }
            else if (char.IsUpper(ch))
            {
                if (i > 0 && key[i - 1] != '-' && key[i - 1] != '_' && (char.IsLower(key[i - 1]) || char.IsDigit(key[i - 1])
                    || (i + 1 < key.Length && char.IsLower(key[i + 1]) && char.IsUpper(key[i - 1]))))
                    result.Append('-');
                result.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                result.Append(ch);
            }
        }
        return result.ToString();
    }

    private static string Quote(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? key
            : "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
