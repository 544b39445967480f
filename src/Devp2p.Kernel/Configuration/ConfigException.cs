namespace Devp2p.Kernel.Configuration;

/// <summary>
/// The one exception type of the configuration reader. Its message always names what went
/// wrong and where: the key path (when there is one), the origin file and the line, so a
/// user can fix a bad setting without reading the engine's code. Subclasses let callers
/// tell a syntax error from a missing key or a wrong type.
/// </summary>
public class ConfigException : Exception
{
    public ConfigException(string message, string? path = null, ConfigOrigin? origin = null, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Origin = origin;
    }

    /// <summary>The full key path concerned (e.g. <c>devp2p.server.max-peers</c>), if any.</summary>
    public string? Path { get; }

    /// <summary>Where the offending text was written, if known.</summary>
    public ConfigOrigin? Origin { get; }
}

/// <summary>The text is not valid HOCON (or an include failed); names file, line and column.</summary>
public sealed class ConfigParseException : ConfigException
{
    public ConfigParseException(string reason, ConfigOrigin origin, Exception? inner = null)
        : base($"parse error at {origin.ToStringWithColumn()}: {reason}", null, origin, inner)
    {
        Reason = reason;
    }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
}

/// <summary>A required key has no value in the config or any of its fallbacks.</summary>
public sealed class ConfigMissingException : ConfigException
{
    public ConfigMissingException(string message, string path) : base(message, path) { }
}

/// <summary>A key has a value, but not one of the requested type or format.</summary>
public sealed class ConfigWrongTypeException : ConfigException
{
    public ConfigWrongTypeException(string message, string path, ConfigOrigin origin)
        : base(message, path, origin) { }
}

/// <summary>A substitution could not be resolved: missing target, cycle, or bad concatenation.</summary>
public sealed class ConfigResolveException : ConfigException
{
    public ConfigResolveException(string message, string? path, ConfigOrigin? origin)
        : base(message, path, origin) { }
}
