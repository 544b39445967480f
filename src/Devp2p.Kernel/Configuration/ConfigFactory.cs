using System.Collections;
using System.Globalization;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Entry points that turn text, files, environment variables and code values into
/// <see cref="Config"/>s, named as in Akka.NET. Parsing checks syntax and includes only;
/// substitutions are resolved when the final chain is read (see <see cref="Config.WithFallback"/>).
/// </summary>
public static class ConfigFactory
{
    /// <summary>A config with no keys.</summary>
    public static Config Empty { get; } = new(ConfigObject.Empty(ConfigOrigin.None), []);

    /// <summary>
    /// Parses HOCON text. <paramref name="originName"/> names it in errors; relative
    /// includes are looked up in <paramref name="includeDirectory"/> (default: the current directory).
    /// </summary>
    public static Config ParseString(string text, string originName = "<string>", string? includeDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Parse(text, originName, includeDirectory ?? Directory.GetCurrentDirectory(), new IncludeStack());
        return new Config(root, [originName]);
    }

    /// <summary>Parses a HOCON file; errors name <paramref name="path"/> as given, includes are relative to its folder.</summary>
    public static Config ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : e.Message;
            throw new ConfigException($"cannot read config file {path}: {reason}", null, new ConfigOrigin(path, 0, 0), e);
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        var root = Parse(text, path, directory, new IncludeStack(path));
        return new Config(root, [path]);
    }

    private static ConfigObject Parse(string text, string origin, string directory, IncludeStack includes)
    {
        try
        {
            return Parser.Parse(text, origin, directory, [], includes, 0).Build();
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ConfigParseException("input nested too deeply", new ConfigOrigin(origin, 0, 0));
        }
    }

    /// <summary>
    /// Settings from environment variables named <c>PREFIX_...</c>: after the prefix, <c>__</c>
    /// separates keys and <c>_</c> becomes <c>-</c>, lower-cased, under <paramref name="atPath"/>
    /// (default: the prefix lower-cased). <c>DEVP2P_SERVER__MAX_PEERS=50</c> gives
    /// <c>devp2p.server.max-peers = "50"</c>. A value starting with <c>[</c> or <c>{</c> is parsed as HOCON.
    /// </summary>
    public static Config FromEnvironment(string prefix = "DEVP2P", string? atPath = null)
    {
        var variables = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
            variables.Add(new((string)entry.Key, (string?)entry.Value ?? ""));
        return FromVariables(variables, prefix, atPath);
    }

    /// <summary><see cref="FromEnvironment"/> over given variables (for tests and for other sources of name=value pairs).</summary>
    public static Config FromVariables(IEnumerable<KeyValuePair<string, string>> variables, string prefix = "DEVP2P", string? atPath = null)
    {
        var root = atPath is null ? [prefix.ToLowerInvariant()] : atPath.Length == 0 ? [] : ConfigPath.Parse(atPath);
        var start = prefix + "_";
        var builder = new ObjectBuilder(new ConfigOrigin("<env>", 0, 0));
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(start, StringComparison.OrdinalIgnoreCase) || name.Length == start.Length)
                continue;
            var keys = name[start.Length..].Split("__").Select(k => k.ToLowerInvariant().Replace('_', '-')).ToArray();
            if (keys.Any(k => k.Length == 0))
                continue;
            var origin = new ConfigOrigin("environment variable " + name, 0, 0);
            var trimmed = value.Trim();
            ConfigValue parsed = trimmed.StartsWith('[') || trimmed.StartsWith('{')
                ? ParseValueText(trimmed, "environment variable " + name)
                : new ConfigString(value, origin);
            Assign(builder, ConfigPath.Append(root, keys), parsed, origin);
        }
        return new Config(builder.Build(), ["<env>"]);
    }

    /// <summary>
    /// Settings from code: keys are paths, values are strings, numbers, booleans, TimeSpans
    /// (as milliseconds), sequences (arrays), null, or <see cref="ConfigValue"/>s.
    /// </summary>
    public static Config FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs, string originName = "<code>")
    {
        var origin = new ConfigOrigin(originName, 0, 0);
        var builder = new ObjectBuilder(origin);
        foreach (var (path, value) in pairs)
            Assign(builder, ConfigPath.Parse(path), ToValue(value, origin, path), origin);
        return new Config(builder.Build(), [originName]);
    }

    private static void Assign(ObjectBuilder builder, string[] path, ConfigValue value, ConfigOrigin origin)
    {
        object current = value;
        for (var i = path.Length - 1; i >= 1; i--)
        {
            var wrapper = new ObjectBuilder(origin);
            wrapper.Merge(path[i], current);
            current = wrapper;
        }
        builder.Merge(path[0], current);
    }

    private static ConfigValue ParseValueText(string text, string originName)
    {
        var parsed = Parse("value = " + text, originName, Directory.GetCurrentDirectory(), new IncludeStack());
        return parsed["value"];
    }

    private static ConfigValue ToValue(object? value, ConfigOrigin origin, string path) => value switch
    {
        null => new ConfigNull(origin),
        ConfigValue v => v,
        string s => new ConfigString(s, origin),
        bool b => new ConfigBoolean(b, origin),
        TimeSpan t => new ConfigString(t.TotalMilliseconds.ToString(CultureInfo.InvariantCulture) + "ms", origin),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal =>
            new ConfigNumber(Convert.ToString(value, CultureInfo.InvariantCulture)!, origin),
        IEnumerable items => new ConfigArray(items.Cast<object?>().Select(i => ToValue(i, origin, path)), origin),
        _ => throw new ConfigException($"{path}: cannot turn a {value.GetType().Name} into a config value", path, origin),
    };
}
