using System.Runtime.CompilerServices;
using System.Text;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// HOCON's two ways of combining values: merging a later value over an earlier one
/// (objects merge key by key, anything else replaces) and concatenating adjacent values
/// (<c>foo bar</c>, <c>${a} [x]</c>, <c>{a=1} {b=2}</c>).
/// </summary>
internal static class Merger
{
    /// <summary>
    /// Merges <paramref name="top"/> over <paramref name="bottom"/>. When either side is
    /// unresolved and the outcome depends on what it resolves to, the result is a
    /// <see cref="ConfigMergeStack"/> decided by the resolver.
    /// </summary>
    public static ConfigValue Merge(ConfigValue top, ConfigValue bottom)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (top is ConfigObject topObject)
        {
            if (bottom is ConfigObject bottomObject)
                return MergeObjects(topObject, bottomObject);
            if (bottom.IsResolved)
                return top; // an object replaces a scalar, array or null
            return new ConfigMergeStack([top, .. Levels(bottom)]);
        }
        if (top.IsResolved)
            return top;
        return new ConfigMergeStack([.. Levels(top), .. Levels(bottom)]);
    }

    /// <summary>Key-wise merge; keys keep the position of their first appearance (bottom first).</summary>
    public static ConfigObject MergeObjects(ConfigObject top, ConfigObject bottom)
    {
        if (top.Count == 0)
            return bottom;
        if (bottom.Count == 0)
            return top;
        var fields = new List<KeyValuePair<string, ConfigValue>>(bottom.Count + top.Count);
        foreach (var (key, value) in bottom)
            fields.Add(new(key, top.TryGetValue(key, out var over) ? Merge(over, value) : value));
        foreach (var (key, value) in top)
            if (!bottom.ContainsKey(key))
                fields.Add(new(key, value));
        return new ConfigObject(fields, top.Origin);
    }

    private static IEnumerable<ConfigValue> Levels(ConfigValue value) =>
        value is ConfigMergeStack stack ? stack.Levels : [value];

    /// <summary>
    /// Concatenates resolved parts (undefined parts already removed). Returns null when
    /// nothing but whitespace is left; throws when arrays, objects and strings are mixed.
    /// </summary>
    public static ConfigValue? Concatenate(List<ConfigValue> parts, ConfigOrigin origin, Func<string, Exception> error)
    {
        var hasStructured = parts.Any(p => p is ConfigArray or ConfigObject);
        var values = new List<ConfigValue>(parts.Count);
        foreach (var part in parts)
        {
            if (part is ConfigString { IsFiller: true } && (hasStructured || values.Count == 0 || values[^1] is ConfigString { IsFiller: true }))
                continue;
            values.Add(part);
        }
        while (values.Count > 0 && values[^1] is ConfigString { IsFiller: true })
            values.RemoveAt(values.Count - 1);
        if (values.Count == 0)
            return null;
        if (values.Count == 1)
            return values[0];

        if (values.All(v => v is ConfigArray))
            return new ConfigArray(values.SelectMany(v => (ConfigArray)v), origin);
        if (values.All(v => v is ConfigObject))
        {
            var merged = (ConfigObject)values[0];
            for (var i = 1; i < values.Count; i++)
                merged = MergeObjects((ConfigObject)values[i], merged);
            return merged;
        }
        if (hasStructured)
        {
            var kinds = string.Join(" and ", values.Select(v => v.Type.ToString().ToLowerInvariant()).Distinct());
            throw error($"cannot concatenate {kinds} values (quote strings; keep arrays with arrays and objects with objects)");
        }
        var text = new StringBuilder();
        foreach (var value in values)
            text.Append(value.ScalarText);
        return new ConfigString(text.ToString(), origin);
    }
}
