using Devp2p.Kernel.Configuration;

namespace Devp2p.Actors.Configuration;

/// <summary>
/// The checks shared by the settings readers: each failure is a <see cref="ConfigException"/> that
/// names the full key and where the value was written (file and line, environment variable, code).
/// </summary>
internal static class SettingReader
{
    public static int AtLeast(Config c, string key, int min)
    {
        int value = c.GetInt(key);
        if (value < min)
            throw Invalid(c, key, $"must be at least {min}, got {value}");
        return value;
    }

    public static TimeSpan Duration(Config c, string key)
    {
        var value = c.GetTimeSpan(key);
        if (value <= TimeSpan.Zero)
            throw Invalid(c, key, $"must be a positive duration, got {value}");
        return value;
    }

    public static ConfigException Invalid(Config c, string key, string problem)
    {
        var path = c.PathPrefix + "." + key;
        var origin = c.Origin(key);
        return new ConfigException($"{path}: {problem} (at {origin})", path, origin);
    }
}
