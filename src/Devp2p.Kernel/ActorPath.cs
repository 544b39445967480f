using System.Text;

namespace Devp2p.Kernel;

/// <summary>
/// The address of an actor in its system: <c>akka://system/user/parent/child</c>. The scheme is kept as
/// <c>akka://</c> on purpose so paths in logs read exactly as they would under Akka.NET.
/// Two paths are equal when system and elements match; the <see cref="Uid"/> (which tells apart
/// successive incarnations of the same name) is compared by actor-ref equality, not here.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The scheme used in <see cref="ToString"/>.</summary>
    public const string Scheme = "akka";

    private string? _string;
    private readonly int _hash;

    private ActorPath(string systemName, ActorPath? parent, string name, long uid)
    {
        SystemName = systemName;
        Parent = parent;
        Name = name;
        Uid = uid;
        Depth = parent is null ? 0 : parent.Depth + 1;
        _hash = HashCode.Combine(parent?._hash ?? systemName.GetHashCode(StringComparison.Ordinal), name.GetHashCode(StringComparison.Ordinal));
    }

    /// <summary>The root path of a system, <c>akka://name/</c>.</summary>
    public static ActorPath Root(string systemName) => new(systemName, null, "", 0);

    public string SystemName { get; }
    public ActorPath? Parent { get; }
    public string Name { get; }
    public long Uid { get; }
    public int Depth { get; }

    /// <summary>Path elements below the root, e.g. <c>["user", "a", "b"]</c>.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var list = new string[Depth];
            for (var p = this; p.Parent is not null; p = p.Parent) list[p.Depth - 1] = p.Name;
            return list;
        }
    }

    public ActorPath Child(string name, long uid = 0) => new(SystemName, this, name, uid);
    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);
    public ActorPath WithUid(long uid) => new(SystemName, Parent, Name, uid);

    public override string ToString()
    {
        if (_string is not null) return _string;
        var sb = new StringBuilder(Scheme).Append("://").Append(SystemName);
        if (Parent is null) sb.Append('/');
        foreach (var e in Elements) sb.Append('/').Append(e);
        return _string = sb.ToString();
    }

    /// <summary>The path with its uid, as Akka's <c>ToSerializationFormat</c>: <c>akka://s/user/a#123</c>.</summary>
    public string ToStringWithUid() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._hash != _hash || other.Depth != Depth) return false;
        for (ActorPath? a = this, b = other; a is not null && b is not null; a = a.Parent, b = b.Parent)
        {
            if (ReferenceEquals(a, b)) return true;
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            if (a.Parent is null && !string.Equals(a.SystemName, b.SystemName, StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);
    public override int GetHashCode() => _hash;
    public int CompareTo(ActorPath? other) => string.CompareOrdinal(ToString(), other?.ToString());
}
