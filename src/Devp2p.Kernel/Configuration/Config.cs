namespace Devp2p.Kernel.Configuration;

/// <summary>
/// An immutable configuration: a tree of values read from HOCON, with Akka.NET's
/// <c>Config</c> vocabulary (<see cref="WithFallback"/>, <c>GetString</c>, <c>GetTimeSpan</c>, ...).
/// Substitutions are resolved lazily over the whole fallback chain the first time a value
/// is read (or by <see cref="Resolve"/>), so a user file may refer to keys that only the
/// reference config defines, and the reference config sees the user's overrides.
/// Every error names the key path, the file and the line.
/// </summary>
public sealed partial class Config
{
    private readonly ConfigObject _tree;
    private readonly Lazy<ConfigObject> _resolved;
    private readonly string[] _prefix;
    private readonly string[] _sources;

    internal Config(ConfigObject tree, IEnumerable<string> sources, string[]? prefix = null)
    {
        _tree = tree;
        _sources = sources.Distinct().ToArray();
        _prefix = prefix ?? [];
        _resolved = new Lazy<ConfigObject>(() => Resolver.Resolve(_tree), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>A config with no keys; the neutral element of <see cref="WithFallback"/>.</summary>
    public static Config Empty => ConfigFactory.Empty;

    /// <summary>The resolved root object (resolving on first use; throws <see cref="ConfigException"/> if that fails).</summary>
    public ConfigObject Root => _resolved.Value;

    /// <summary>True when the config has no keys at all.</summary>
    public bool IsEmpty => _tree.Count == 0;

    /// <summary>The origins this config was read from, highest precedence first (e.g. <c>node.conf</c>, <c>reference.conf</c>).</summary>
    public IReadOnlyList<string> Sources => _sources;

    /// <summary>The path of this config inside the one it was taken from by <see cref="GetConfig"/> (empty at the root).</summary>
    public string PathPrefix => ConfigPath.Render(_prefix);

    /// <summary>Resolves all substitutions now, so errors surface at startup rather than on first read.</summary>
    public Config Resolve()
    {
        _ = Root;
        return this;
    }

    /// <summary>
    /// This config over <paramref name="fallback"/>: keys defined here win, objects merge
    /// recursively, and substitutions on both sides resolve against the merged result.
    /// Chain for precedence: <c>code.WithFallback(commandLine).WithFallback(env).WithFallback(file).WithFallback(reference)</c>.
    /// </summary>
    public Config WithFallback(Config? fallback)
    {
        if (fallback is null || ReferenceEquals(fallback, this) || fallback.IsEmpty)
            return this;
        if (IsEmpty && _prefix.Length == 0)
            return fallback;
        return new Config(Merger.MergeObjects(_tree, fallback._tree), _sources.Concat(fallback._sources), _prefix);
    }

    /// <summary>Every leaf value (not an object) under this config, as full dotted key → value, in source order.</summary>
    public IEnumerable<KeyValuePair<string, ConfigValue>> AsEnumerable()
    {
        var stack = new Stack<(string Path, ConfigObject Object, IEnumerator<KeyValuePair<string, ConfigValue>> Fields)>();
        stack.Push(("", Root, Root.GetEnumerator()));
        while (stack.Count > 0)
        {
            var (path, _, fields) = stack.Peek();
            if (!fields.MoveNext())
            {
                stack.Pop();
                continue;
            }
            var (key, value) = fields.Current;
            var childPath = path.Length == 0 ? ConfigPath.RenderKey(key) : path + "." + ConfigPath.RenderKey(key);
            if (value is ConfigObject obj)
                stack.Push((childPath, obj, obj.GetEnumerator()));
            else
                yield return new KeyValuePair<string, ConfigValue>(childPath, value);
        }
    }

    /// <summary>Renders the resolved config as HOCON (or the unresolved tree when resolving fails).</summary>
    public override string ToString()
    {
        try
        {
            return ConfigRenderer.RenderRoot(Root);
        }
        catch (ConfigException)
        {
            return ConfigRenderer.RenderRoot(_tree);
        }
    }

    private string FullPath(string[] segments) => ConfigPath.Render(ConfigPath.Append(_prefix, segments));

    private string MissingSuffix() => _sources.Length switch
    {
        0 => "the config is empty",
        1 => $"no value in {_sources[0]}",
        _ => $"no value in {_sources[0]} or its fallbacks: {string.Join(", ", _sources.Skip(1))}",
    };

    /// <summary>The value at <paramref name="path"/>, or null when absent; throws when the path runs through a non-object.</summary>
    private ConfigValue? Find(string path, out string[] segments)
    {
        segments = ConfigPath.Parse(path);
        ConfigValue current = Root;
        for (var i = 0; i < segments.Length; i++)
        {
            if (current is not ConfigObject obj)
            {
                var at = FullPath(segments[..i]);
                throw new ConfigWrongTypeException(
                    $"{FullPath(segments)}: expected {at} to be an object but got {current.Describe()} (at {current.Origin})",
                    FullPath(segments), current.Origin);
            }
            if (!obj.TryGetValue(segments[i], out var next))
                return null;
            current = next;
        }
        return current;
    }

    /// <summary>The value at <paramref name="path"/>; throws <see cref="ConfigMissingException"/> when absent or null.</summary>
    public ConfigValue GetValue(string path)
    {
        var value = Find(path, out var segments);
        if (value is null)
            throw new ConfigMissingException($"{FullPath(segments)} is missing ({MissingSuffix()})", FullPath(segments));
        if (value is ConfigNull)
            throw new ConfigMissingException($"{FullPath(segments)} is null (at {value.Origin})", FullPath(segments));
        return value;
    }

    /// <summary>True when the path has a value that is not null.</summary>
    public bool HasPath(string path) => Find(path, out _) is { Type: not ConfigValueType.Null };

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    public ConfigOrigin Origin(string path) => GetValue(path).Origin;

    /// <summary>The object at <paramref name="path"/> as a config; errors from it still name the full path.</summary>
    public Config GetConfig(string path)
    {
        var value = GetValue(path);
        var segments = ConfigPath.Parse(path);
        if (value is not ConfigObject obj)
            throw WrongType(value, segments, "an object");
        return new Config(obj, _sources, ConfigPath.Append(_prefix, segments));
    }

    private ConfigWrongTypeException WrongType(ConfigValue value, string[] segments, string expected, string? detail = null) =>
        new($"{FullPath(segments)}: expected {expected} but got {value.Describe()}{(detail is null ? "" : ": " + detail)} (at {value.Origin})",
            FullPath(segments), value.Origin);
}
