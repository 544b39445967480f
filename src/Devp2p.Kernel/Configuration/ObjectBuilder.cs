namespace Devp2p.Kernel.Configuration;

/// <summary>
/// A mutable object used only while parsing, so that thousands of dotted keys
/// (<c>devp2p.server.x = ...</c>) merge in place instead of copying the tree each time.
/// Values are either <see cref="ConfigValue"/>s or nested builders.
/// </summary>
internal sealed class ObjectBuilder
{
    private readonly Dictionary<string, object> _map = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public ObjectBuilder(ConfigOrigin origin) => Origin = origin;

    public ConfigOrigin Origin { get; }

    public IEnumerable<KeyValuePair<string, object>> Fields => _keys.Select(k => new KeyValuePair<string, object>(k, _map[k]));

    public static ObjectBuilder From(ConfigObject source)
    {
        var builder = new ObjectBuilder(source.Origin);
        foreach (var (key, value) in source)
            builder.Set(key, value);
        return builder;
    }

    private void Set(string key, object value)
    {
        if (!_map.ContainsKey(key))
            _keys.Add(key);
        _map[key] = value;
    }

    /// <summary>Assigns <paramref name="value"/> (a builder or a value) to <paramref name="key"/>, merging over what is there.</summary>
    public void Merge(string key, object value)
    {
        if (!_map.TryGetValue(key, out var existing))
        {
            Set(key, value);
            return;
        }
        if (value is ConfigObject valueObject)
            value = From(valueObject);
        if (value is ObjectBuilder builder)
        {
            if (existing is ConfigObject existingObject)
                existing = From(existingObject);
            if (existing is ObjectBuilder existingBuilder)
            {
                foreach (var (k, v) in builder.Fields)
                    existingBuilder.Merge(k, v);
                Set(key, existingBuilder);
            }
            else if (((ConfigValue)existing).IsResolved)
            {
                Set(key, builder); // an object replaces a scalar, array or null
            }
            else
            {
                Set(key, Merger.Merge(builder.Build(), (ConfigValue)existing));
            }
            return;
        }
        var bottom = existing is ObjectBuilder b ? b.Build() : (ConfigValue)existing;
        Set(key, Merger.Merge((ConfigValue)value, bottom));
    }

    public ConfigObject Build() =>
        new(_keys.Select(k => new KeyValuePair<string, ConfigValue>(k, Freeze(_map[k]))), Origin);

    public static ConfigValue Freeze(object value) => value is ObjectBuilder b ? b.Build() : (ConfigValue)value;
}
