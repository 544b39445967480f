namespace Devp2p.Kernel.Configuration;

/// <summary>
/// Where a configuration value was written: a file name (or <c>&lt;string&gt;</c>,
/// <c>&lt;env&gt;</c>, <c>&lt;code&gt;</c>), a 1-based line and column. Every value keeps its
/// origin so that a bad setting can be reported with the key, the file and the line.
/// </summary>
/// <param name="Description">The file path as given, or a name such as <c>&lt;string&gt;</c>.</param>
/// <param name="Line">1-based line, or 0 when the value has no line (environment, code).</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
public sealed record ConfigOrigin(string Description, int Line, int Column)
{
    /// <summary>The origin of values that were never written anywhere (an empty config).</summary>
    public static ConfigOrigin None { get; } = new("<none>", 0, 0);

    /// <summary><c>node.conf line 12</c>, or only the description when there is no line.</summary>
    public override string ToString() => Line > 0 ? $"{Description} line {Line}" : Description;

    /// <summary><c>node.conf line 4 column 9</c>; used by parse errors.</summary>
    public string ToStringWithColumn() =>
        Line > 0 && Column > 0 ? $"{Description} line {Line} column {Column}" : ToString();
}
