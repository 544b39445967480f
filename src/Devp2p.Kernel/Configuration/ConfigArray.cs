using System.Collections;

namespace Devp2p.Kernel.Configuration;

/// <summary>An immutable list of values, in source order.</summary>
public sealed class ConfigArray : ConfigValue, IReadOnlyList<ConfigValue>
{
    private readonly ConfigValue[] _items;
    private readonly bool _resolved;
    private readonly int _depth;

    public ConfigArray(IEnumerable<ConfigValue> items, ConfigOrigin origin) : base(origin)
    {
        _items = items.ToArray();
        _resolved = true;
        var depth = 0;
        foreach (var item in _items)
        {
            _resolved &= item.IsResolved;
            depth = Math.Max(depth, item.Depth);
        }
        _depth = depth + 1;
    }

    public override ConfigValueType Type => ConfigValueType.Array;
    internal override bool IsResolved => _resolved;
    internal override int Depth => _depth;

    public int Count => _items.Length;
    public ConfigValue this[int index] => _items[index];
    public IEnumerator<ConfigValue> GetEnumerator() => ((IEnumerable<ConfigValue>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override string Describe() => $"array of {_items.Length}";
}
