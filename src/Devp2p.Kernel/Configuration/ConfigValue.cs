using System.Globalization;

namespace Devp2p.Kernel.Configuration;

/// <summary>The kind of a resolved configuration value, as in HOCON/JSON.</summary>
public enum ConfigValueType
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>
/// A node of the immutable configuration tree. Every value remembers its
/// <see cref="Origin"/> so that errors can point at the file and line it came from.
/// Only the kinds below exist; the tree a <see cref="Config"/> hands out is fully resolved
/// (no substitutions or concatenations left).
/// </summary>
public abstract class ConfigValue
{
    private protected ConfigValue(ConfigOrigin origin) => Origin = origin;

    /// <summary>Where this value was written.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The kind of value.</summary>
    public abstract ConfigValueType Type { get; }

    /// <summary>True when no substitution or concatenation remains anywhere below.</summary>
    internal virtual bool IsResolved => true;

    /// <summary>Nesting depth: 0 for scalars, 1 + the deepest child for objects and arrays.</summary>
    internal virtual int Depth => 0;

    /// <summary>The text a scalar contributes to a string concatenation or to GetString; null for objects and arrays.</summary>
    internal virtual string? ScalarText => null;

    /// <summary>A short description for error messages, e.g. <c>string "fifty"</c>.</summary>
    internal abstract string Describe();

    /// <summary>Renders the value as HOCON text.</summary>
    public override string ToString() => ConfigRenderer.Render(this);

    internal static string Abbreviate(string s) =>
        s.Length <= 60 ? ConfigRenderer.Quote(s) : ConfigRenderer.Quote(s[..57] + "...");
}

/// <summary>A string, quoted or unquoted in the source.</summary>
public sealed class ConfigString : ConfigValue
{
    public ConfigString(string value, ConfigOrigin origin) : base(origin) => Value = value;

    internal ConfigString(string value, ConfigOrigin origin, bool isFiller) : this(value, origin) => IsFiller = isFiller;

    public string Value { get; }

    /// <summary>Whitespace between concatenated values: kept between strings, dropped between arrays/objects.</summary>
    internal bool IsFiller { get; }

    public override ConfigValueType Type => ConfigValueType.String;
    internal override string ScalarText => Value;
    internal override string Describe() => "string " + Abbreviate(Value);
}

/// <summary>A number; the source text is kept so <c>1.0</c> reads back as <c>1.0</c>.</summary>
public sealed class ConfigNumber : ConfigValue
{
    public ConfigNumber(string text, ConfigOrigin origin) : base(origin) => Text = text;

    /// <summary>The number as written.</summary>
    public string Text { get; }

    public double ToDouble() => double.Parse(Text, NumberStyles.Float, CultureInfo.InvariantCulture);

    public bool TryGetInt64(out long value) =>
        long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public override ConfigValueType Type => ConfigValueType.Number;
    internal override string ScalarText => Text;
    internal override string Describe() => "number " + Text;
}

/// <summary>A boolean written as the unquoted word <c>true</c> or <c>false</c>.</summary>
public sealed class ConfigBoolean : ConfigValue
{
    public ConfigBoolean(bool value, ConfigOrigin origin) : base(origin) => Value = value;

    public bool Value { get; }

    public override ConfigValueType Type => ConfigValueType.Boolean;
    internal override string ScalarText => Value ? "true" : "false";
    internal override string Describe() => "boolean " + ScalarText;
}

/// <summary>An explicit <c>null</c>; it replaces earlier values and reads as "no value".</summary>
public sealed class ConfigNull : ConfigValue
{
    public ConfigNull(ConfigOrigin origin) : base(origin) { }

    public override ConfigValueType Type => ConfigValueType.Null;
    internal override string ScalarText => "null";
    internal override string Describe() => "null";
}
