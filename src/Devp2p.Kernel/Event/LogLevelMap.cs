using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Event;

/// <summary>
/// Minimum log levels per category: overrides keyed by a category prefix (<c>"Devp2p.Actors.Peers"</c>
/// covers <c>Devp2p.Actors.Peers.PeerActor</c>; the longest matching prefix wins), over the system's
/// default level. Exists so one noisy part can be turned up to DEBUG, or down to WARNING, without
/// touching the rest. A category is the logging class's full name (Serilog's <c>SourceContext</c>).
/// HOCON: <c>devp2p.logging.categories</c>.
/// </summary>
public sealed class LogLevelMap
{
    /// <summary>No overrides: every category logs at the default level.</summary>
    public static readonly LogLevelMap Empty = new(new Dictionary<string, LogLevel>());

    private readonly KeyValuePair<string, LogLevel>[] _byLength;

    public LogLevelMap(IReadOnlyDictionary<string, LogLevel> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Overrides = new Dictionary<string, LogLevel>(overrides, StringComparer.Ordinal);
        _byLength = [.. Overrides.OrderByDescending(o => o.Key.Length)];
    }

    /// <summary>Category prefix → minimum level.</summary>
    public IReadOnlyDictionary<string, LogLevel> Overrides { get; }

    /// <summary>The level of the longest override that is <paramref name="category"/> or a dotted prefix of it; else <paramref name="fallback"/>.</summary>
    public LogLevel LevelFor(string? category, LogLevel fallback)
    {
        if (category is null || _byLength.Length == 0) return fallback;
        foreach (var (prefix, level) in _byLength)
        {
            if (category.StartsWith(prefix, StringComparison.Ordinal)
                && (category.Length == prefix.Length || category[prefix.Length] is '.' or '+' or '`'))
                return level;
        }
        return fallback;
    }

    /// <summary>Reads an object of <c>"Category.Prefix" = LEVEL</c> entries (quote keys that contain dots); a bad level names the key and the line.</summary>
    public static LogLevelMap FromConfig(Config categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var overrides = new Dictionary<string, LogLevel>(StringComparer.Ordinal);
        foreach (var (key, value) in categories.Root)
        {
            var text = value is ConfigString s ? s.Value : value.ToString();
            try
            {
                overrides[key] = LogLevelNames.Parse(text);
            }
            catch (ArgumentException)
            {
                var path = (categories.PathPrefix.Length == 0 ? "" : categories.PathPrefix + ".") + "\"" + key + "\"";
                throw new ConfigException($"{path}: expected DEBUG, INFO, WARNING, ERROR or OFF but got \"{text}\" (at {value.Origin})", path, value.Origin);
            }
        }
        return overrides.Count == 0 ? Empty : new LogLevelMap(overrides);
    }
}
