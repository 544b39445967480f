namespace Devp2p.Kernel.Configuration;

// Parse-time nodes that exist only until the Resolver replaces them. They never escape a
// Config: Config.Root and every getter see resolved values only.

/// <summary><c>${path}</c> or <c>${?path}</c>.</summary>
internal sealed class ConfigSubstitution : ConfigValue
{
    public ConfigSubstitution(string[] path, string[]? unprefixedPath, string expression, bool optional, ConfigOrigin origin)
        : base(origin)
    {
        Path = path;
        UnprefixedPath = unprefixedPath;
        Expression = expression;
        Optional = optional;
    }

    /// <summary>The path looked up in the merged root (prefixed when the file was included inside an object).</summary>
    public string[] Path { get; }

    /// <summary>The path as written, tried when the prefixed one is absent; null when there is no prefix.</summary>
    public string[]? UnprefixedPath { get; }

    /// <summary>The text between the braces, also the environment variable name to fall back on.</summary>
    public string Expression { get; }

    public bool Optional { get; }

    public override ConfigValueType Type => throw new InvalidOperationException("unresolved substitution");
    internal override bool IsResolved => false;
    internal override string Describe() => Render();
    public string Render() => Optional ? "${?" + Expression + "}" : "${" + Expression + "}";
}

/// <summary>Adjacent values that concatenate: strings join, arrays append, objects merge.</summary>
internal sealed class ConfigConcatenation : ConfigValue
{
    public ConfigConcatenation(IReadOnlyList<ConfigValue> parts, ConfigOrigin origin) : base(origin) => Parts = parts;

    public IReadOnlyList<ConfigValue> Parts { get; }

    public override ConfigValueType Type => throw new InvalidOperationException("unresolved concatenation");
    internal override bool IsResolved => false;
    internal override int Depth => Parts.Count == 0 ? 0 : Parts.Max(p => p.Depth);
    internal override string Describe() => "concatenation";
}

/// <summary>
/// Values assigned to the same key that could not be merged before resolution, the latest
/// first. Resolving the top level may refer to the levels below it (<c>a = ${a} [x]</c>).
/// </summary>
internal sealed class ConfigMergeStack : ConfigValue
{
    public ConfigMergeStack(IReadOnlyList<ConfigValue> levels) : base(levels[0].Origin) => Levels = levels;

    public IReadOnlyList<ConfigValue> Levels { get; }

    public override ConfigValueType Type => throw new InvalidOperationException("unresolved merge");
    internal override bool IsResolved => false;
    internal override int Depth => Levels.Max(l => l.Depth);
    internal override string Describe() => "merge of " + Levels.Count + " values";
}
