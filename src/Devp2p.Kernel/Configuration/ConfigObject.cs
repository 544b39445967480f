using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// An immutable object: keys to values, keeping the order in which keys first appeared
/// (so rendering and key listings follow the source, reference.conf first).
/// </summary>
public sealed class ConfigObject : ConfigValue, IReadOnlyDictionary<string, ConfigValue>
{
    private readonly Dictionary<string, ConfigValue> _map;
    private readonly string[] _keys;
    private readonly bool _resolved;
    private readonly int _depth;

    public ConfigObject(IEnumerable<KeyValuePair<string, ConfigValue>> fields, ConfigOrigin origin) : base(origin)
    {
        _map = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_map.ContainsKey(key))
                keys.Add(key);
            _map[key] = value;
        }
        _keys = keys.ToArray();
        _resolved = true;
        var depth = 0;
        foreach (var value in _map.Values)
        {
            _resolved &= value.IsResolved;
            depth = Math.Max(depth, value.Depth);
        }
        _depth = depth + 1;
    }

    /// <summary>An object with no fields.</summary>
    public static ConfigObject Empty(ConfigOrigin origin) => new([], origin);

    public override ConfigValueType Type => ConfigValueType.Object;
    internal override bool IsResolved => _resolved;
    internal override int Depth => _depth;

    public int Count => _keys.Length;
    public IEnumerable<string> Keys => _keys;
    public IEnumerable<ConfigValue> Values => _keys.Select(k => _map[k]);
    public ConfigValue this[string key] => _map[key];
    public bool ContainsKey(string key) => _map.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ConfigValue value) =>
        _map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, ConfigValue>> GetEnumerator()
    {
        foreach (var key in _keys)
            yield return new KeyValuePair<string, ConfigValue>(key, _map[key]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override string Describe() => "object";
}
