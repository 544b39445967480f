using System.Runtime.CompilerServices;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Replaces every <c>${path}</c> in a merged tree (a whole fallback chain) by the value it
/// names. A substitution that names the field being defined (<c>a = ${a} [x]</c>, and
/// <c>a += x</c>) sees the value the field had before (lower in its merge stack); a
/// missing path falls back to an environment variable of that name; <c>${?x}</c> with no
/// value anywhere removes the field (keeping an earlier value). Cycles are reported with
/// the chain of keys.
/// </summary>
internal sealed class Resolver
{
    /// <summary>Deepest chain of substitutions that refer to substitutions.</summary>
    public const int MaxLookupDepth = 256;

    /// <summary>Deepest resolved tree accepted (substitutions can nest objects in objects).</summary>
    public const int MaxResolvedDepth = 2 * Parser.MaxDepth;

    private readonly ConfigObject _root;
    private readonly Func<string, string?> _environment;
    private readonly List<(string Path, ConfigMergeStack Stack, int Level)> _contexts = [];
    private readonly HashSet<ConfigValue> _inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _fieldPaths = [];
    private readonly List<string> _lookups = [];
    private readonly Dictionary<string, ConfigValue?> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<(ConfigMergeStack, int), ConfigValue?> _earlierValues = [];

    private Resolver(ConfigObject root, Func<string, string?> environment)
    {
        _root = root;
        _environment = environment;
    }

    public static ConfigObject Resolve(ConfigObject root, Func<string, string?>? environment = null)
    {
        if (root.IsResolved)
            return root;
        var resolver = new Resolver(root, environment ?? Environment.GetEnvironmentVariable);
        try
        {
            return resolver.Resolve(root, []) as ConfigObject ?? ConfigObject.Empty(root.Origin);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ConfigResolveException("configuration too deeply nested to resolve", null, root.Origin);
        }
    }

    private static string Render(string[] path) => path.Length == 0 ? "<root>" : ConfigPath.Render(path);

    private ConfigValue? ResolveField(ConfigValue value, string[] path)
    {
        _fieldPaths.Add(Render(path));
        try
        {
            return Resolve(value, path);
        }
        finally
        {
            _fieldPaths.RemoveAt(_fieldPaths.Count - 1);
        }
    }

    private ConfigValue? Resolve(ConfigValue value, string[] path)
    {
        if (value.IsResolved)
            return value;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case ConfigObject obj:
                var fields = new List<KeyValuePair<string, ConfigValue>>(obj.Count);
                foreach (var (key, child) in obj)
                    if (ResolveField(child, ConfigPath.Append(path, key)) is { } resolved)
                        fields.Add(new(key, resolved));
                return CheckDepth(new ConfigObject(fields, obj.Origin), path);
            case ConfigArray array:
                var items = new List<ConfigValue>(array.Count);
                foreach (var item in array)
                    if (Resolve(item, path) is { } resolved)
                        items.Add(resolved);
                return CheckDepth(new ConfigArray(items, array.Origin), path);
            case ConfigSubstitution substitution:
                return Guarded(substitution, path, () => Lookup(substitution, path));
            case ConfigConcatenation concatenation:
                return Guarded(concatenation, path, () =>
                {
                    var parts = new List<ConfigValue>(concatenation.Parts.Count);
                    foreach (var part in concatenation.Parts)
                        if (Resolve(part, path) is { } resolved)
                            parts.Add(resolved);
                    return Merger.Concatenate(parts, concatenation.Origin, message =>
                        new ConfigResolveException($"{Render(path)}: {message} (at {concatenation.Origin.ToStringWithColumn()})", Render(path), concatenation.Origin));
                });
            case ConfigMergeStack stack:
                return ResolveStack(stack, path, 0);
            default:
                return value;
        }
    }

    private ConfigValue? Guarded(ConfigValue node, string[] path, Func<ConfigValue?> resolve)
    {
        if (!_inProgress.Add(node))
            throw new ConfigResolveException(
                $"{Render(path)}: substitution cycle: the value at {node.Origin.ToStringWithColumn()} depends on itself",
                Render(path), node.Origin);
        try
        {
            return resolve();
        }
        finally
        {
            _inProgress.Remove(node);
        }
    }

    private ConfigValue CheckDepth(ConfigValue value, string[] path)
    {
        if (value.Depth + path.Length > MaxResolvedDepth)
            throw new ConfigResolveException(
                $"{Render(path)}: resolved configuration nests deeper than {MaxResolvedDepth} levels", Render(path), value.Origin);
        return value;
    }

    /// <summary>Resolves the levels of a merge stack from <paramref name="start"/> down: the first defined non-object wins; objects merge with what lies below.</summary>
    private ConfigValue? ResolveStack(ConfigMergeStack stack, string[] path, int start)
    {
        var key = Render(path);
        for (var i = start; i < stack.Levels.Count; i++)
        {
            _contexts.Add((key, stack, i));
            ConfigValue? resolved;
            try
            {
                resolved = Resolve(stack.Levels[i], path);
            }
            finally
            {
                _contexts.RemoveAt(_contexts.Count - 1);
            }
            if (resolved is null)
                continue;
            if (resolved is ConfigObject top)
                return ResolveStack(stack, path, i + 1) is ConfigObject below ? Merger.MergeObjects(top, below) : top;
            return resolved;
        }
        return null;
    }

    private ConfigValue? Lookup(ConfigSubstitution substitution, string[] ownPath)
    {
        var own = Render(ownPath);
        if (_lookups.Count >= MaxLookupDepth)
            throw new ConfigResolveException(
                $"{own}: substitutions refer to substitutions more than {MaxLookupDepth} deep at {substitution.Render()} (at {substitution.Origin.ToStringWithColumn()})",
                own, substitution.Origin);
        var value = LookupPath(substitution, substitution.Path, own);
        if (value is null && substitution.UnprefixedPath is { } unprefixed)
            value = LookupPath(substitution, unprefixed, own);
        if (value is null && _environment(substitution.Expression) is { } env)
            value = new ConfigString(env, new ConfigOrigin("environment variable " + substitution.Expression, 0, 0));
        if (value is null && !substitution.Optional)
            throw new ConfigResolveException(
                $"{own}: could not resolve substitution {substitution.Render()}: no such key and no environment variable {substitution.Expression} (at {substitution.Origin.ToStringWithColumn()})",
                own, substitution.Origin);
        return value;
    }

    private ConfigValue? LookupPath(ConfigSubstitution substitution, string[] path, string own)
    {
        var key = Render(path);
        for (var i = _contexts.Count - 1; i >= 0; i--)
        {
            var (contextPath, stack, level) = _contexts[i];
            if (contextPath == key)
                return EarlierValue(stack, path, level + 1);
        }
        if (key == own)
        {
            if (substitution.Optional)
                return null;
            throw new ConfigResolveException(
                $"{own}: {substitution.Render()} refers to the field itself and there is no earlier value (at {substitution.Origin.ToStringWithColumn()})",
                own, substitution.Origin);
        }
        if (_fieldPaths.Contains(key))
        {
            var from = _lookups.LastIndexOf(key);
            var chain = string.Join(" -> ", _lookups.Skip(from + 1).Prepend(key).Append(key));
            throw new ConfigResolveException(
                $"{own}: substitution cycle: {chain} (at {substitution.Origin.ToStringWithColumn()})", own, substitution.Origin);
        }
        var cacheable = _contexts.Count == 0;
        if (cacheable && _cache.TryGetValue(key, out var cached))
            return cached;
        var result = WithLookup(key, () => FindNode(path) is { } node ? ResolveField(node, path) : null);
        if (cacheable)
            _cache[key] = result;
        return result;
    }

    /// <summary>The value of a stack's levels from <paramref name="start"/> down, computed once (<c>a = ${a} ${a}</c> stays linear).</summary>
    private ConfigValue? EarlierValue(ConfigMergeStack stack, string[] path, int start)
    {
        if (_earlierValues.TryGetValue((stack, start), out var known))
            return known;
        var value = WithLookup(Render(path), () => ResolveStack(stack, path, start));
        _earlierValues[(stack, start)] = value;
        return value;
    }

    private ConfigValue? WithLookup(string key, Func<ConfigValue?> lookup)
    {
        _lookups.Add(key);
        try
        {
            return lookup();
        }
        finally
        {
            _lookups.RemoveAt(_lookups.Count - 1);
        }
    }

    /// <summary>The (possibly unresolved) node at <paramref name="path"/>, resolving only what lies on the way.</summary>
    private ConfigValue? FindNode(string[] path)
    {
        ConfigValue? node = _root;
        for (var i = 0; i < path.Length && node is not null; i++)
            node = Child(node, path[i], path[..i]);
        return node;
    }

    private ConfigValue? Child(ConfigValue node, string key, string[] nodePath)
    {
        switch (node)
        {
            case ConfigObject obj:
                return obj.TryGetValue(key, out var child) ? child : null;
            case ConfigMergeStack stack:
                var children = new List<ConfigValue>();
                var rendered = Render(nodePath);
                for (var i = 0; i < stack.Levels.Count; i++)
                {
                    var level = stack.Levels[i];
                    if (level is ConfigObject levelObject)
                    {
                        if (levelObject.TryGetValue(key, out var c))
                            children.Add(c);
                        continue;
                    }
                    if (level.IsResolved)
                        break; // a scalar or array hides everything below it
                    if (_contexts.Any(x => ReferenceEquals(x.Stack, stack) && x.Level == i))
                        continue; // being defined right now: look at the earlier values
                    _contexts.Add((rendered, stack, i));
                    ConfigValue? resolved;
                    try
                    {
                        resolved = ResolveField(level, nodePath);
                    }
                    finally
                    {
                        _contexts.RemoveAt(_contexts.Count - 1);
                    }
                    if (resolved is null)
                        continue;
                    if (resolved is not ConfigObject resolvedObject)
                        break;
                    if (resolvedObject.TryGetValue(key, out var rc))
                        children.Add(rc);
                }
                return children.Count switch
                {
                    0 => null,
                    1 => children[0],
                    _ => new ConfigMergeStack(children),
                };
            case ConfigSubstitution or ConfigConcatenation:
                return ResolveField(node, nodePath) is ConfigObject o && o.TryGetValue(key, out var found) ? found : null;
            default:
                return null;
        }
    }
}
