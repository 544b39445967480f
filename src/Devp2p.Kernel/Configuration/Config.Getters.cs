using System.Globalization;

namespace Devp2p.Kernel.Configuration;

/// <summary>Typed getters. Each has a form that throws when the key is missing and one that takes a default.</summary>
public sealed partial class Config
{
    private delegate bool Converter<T>(ConfigValue value, out T result, out string? detail);

    private T Get<T>(string path, string expected, Converter<T> convert)
    {
        var value = GetValue(path);
        if (convert(value, out var result, out var detail))
            return result;
        throw WrongType(value, ConfigPath.Parse(path), expected, detail);
    }

    private T GetOrDefault<T>(string path, T defaultValue, string expected, Converter<T> convert) =>
        HasPath(path) ? Get(path, expected, convert) : defaultValue;

    private IReadOnlyList<T> GetList<T>(string path, string expected, Converter<T> convert)
    {
        var value = GetValue(path);
        var segments = ConfigPath.Parse(path);
        if (value is not ConfigArray array)
            throw WrongType(value, segments, "a list of " + expected);
        var result = new T[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (!convert(array[i], out result[i], out var detail))
                throw new ConfigWrongTypeException(
                    $"{FullPath(segments)}[{i}]: expected {expected} but got {array[i].Describe()}{(detail is null ? "" : ": " + detail)} (at {array[i].Origin})",
                    FullPath(segments), array[i].Origin);
        }
        return result;
    }

    public string GetString(string path) => Get<string>(path, "a string", ToStringValue);
    public string? GetString(string path, string? defaultValue) => HasPath(path) ? GetString(path) : defaultValue;
    public int GetInt(string path) => Get<int>(path, "an int", ToInt);
    public int GetInt(string path, int defaultValue) => GetOrDefault(path, defaultValue, "an int", ToInt);
    public long GetLong(string path) => Get<long>(path, "a long", ToLong);
    public long GetLong(string path, long defaultValue) => GetOrDefault(path, defaultValue, "a long", ToLong);
    public double GetDouble(string path) => Get<double>(path, "a number", ToDouble);
    public double GetDouble(string path, double defaultValue) => GetOrDefault(path, defaultValue, "a number", ToDouble);

    /// <summary>true/false, also yes/no and on/off (any case).</summary>
    public bool GetBoolean(string path) => Get<bool>(path, "a boolean", ToBoolean);
    public bool GetBoolean(string path, bool defaultValue) => GetOrDefault(path, defaultValue, "a boolean", ToBoolean);

    /// <summary>A duration: <c>500ms</c>, <c>5s</c>, <c>2 minutes</c>, <c>infinite</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetTimeSpan(string path) => Get<TimeSpan>(path, "a duration (e.g. 500ms, 5s, 2m)", ToTimeSpan);
    public TimeSpan GetTimeSpan(string path, TimeSpan defaultValue) => GetOrDefault(path, defaultValue, "a duration (e.g. 500ms, 5s, 2m)", ToTimeSpan);

    /// <summary>A size in bytes: <c>16MiB</c>, <c>512k</c>, <c>1GB</c> (powers of 1000), a bare number is bytes.</summary>
    public long GetByteSize(string path) => Get<long>(path, "a size in bytes (e.g. 512KiB, 16MiB)", ToByteSize);
    public long GetByteSize(string path, long defaultValue) => GetOrDefault(path, defaultValue, "a size in bytes (e.g. 512KiB, 16MiB)", ToByteSize);

    public IReadOnlyList<string> GetStringList(string path) => GetList<string>(path, "a string", ToStringValue);
    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string> defaultValue) => HasPath(path) ? GetStringList(path) : defaultValue;
    public IReadOnlyList<int> GetIntList(string path) => GetList<int>(path, "an int", ToInt);
    public IReadOnlyList<long> GetLongList(string path) => GetList<long>(path, "a long", ToLong);
    public IReadOnlyList<double> GetDoubleList(string path) => GetList<double>(path, "a number", ToDouble);
    public IReadOnlyList<bool> GetBooleanList(string path) => GetList<bool>(path, "a boolean", ToBoolean);
    public IReadOnlyList<TimeSpan> GetTimeSpanList(string path) => GetList<TimeSpan>(path, "a duration", ToTimeSpan);
    public IReadOnlyList<long> GetByteSizeList(string path) => GetList<long>(path, "a size in bytes", ToByteSize);

    private static bool ToStringValue(ConfigValue value, out string result, out string? detail)
    {
        detail = null;
        result = value is ConfigString or ConfigNumber or ConfigBoolean ? value.ScalarText! : "";
        return value is ConfigString or ConfigNumber or ConfigBoolean;
    }

    private static string? Text(ConfigValue value) => value switch
    {
        ConfigNumber n => n.Text,
        ConfigString s => s.Value.Trim(),
        _ => null,
    };

    private static bool ToLong(ConfigValue value, out long result, out string? detail)
    {
        detail = null;
        result = 0;
        var text = Text(value);
        if (text is null)
            return false;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result))
            return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            if (Math.Floor(d) == d && d >= long.MinValue && d < 9.2233720368547758e18)
            {
                result = (long)d;
                return true;
            }
            detail = Math.Floor(d) == d ? "out of range" : "not a whole number";
        }
        return false;
    }

    private static bool ToInt(ConfigValue value, out int result, out string? detail)
    {
        result = 0;
        if (!ToLong(value, out var l, out detail))
            return false;
        if (l is < int.MinValue or > int.MaxValue)
        {
            detail = "out of range";
            return false;
        }
        result = (int)l;
        return true;
    }

    private static bool ToDouble(ConfigValue value, out double result, out string? detail)
    {
        detail = null;
        result = 0;
        return Text(value) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    private static bool ToBoolean(ConfigValue value, out bool result, out string? detail)
    {
        detail = null;
        result = false;
        if (value is ConfigBoolean b)
        {
            result = b.Value;
            return true;
        }
        if (value is not ConfigString s)
            return false;
        switch (s.Value.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                result = true;
                return true;
            case "false" or "no" or "off":
                return true;
            default:
                detail = "use true/false, yes/no or on/off";
                return false;
        }
    }

    private static bool ToTimeSpan(ConfigValue value, out TimeSpan result, out string? detail)
    {
        result = default;
        detail = null;
        var text = Text(value);
        if (text is null)
            return false;
        if (UnitParsers.TryParseDuration(text, out result, out var error))
            return true;
        detail = error;
        return false;
    }

    private static bool ToByteSize(ConfigValue value, out long result, out string? detail)
    {
        result = 0;
        detail = null;
        var text = Text(value);
        if (text is null)
            return false;
        if (UnitParsers.TryParseByteSize(text, out result, out var error))
            return true;
        detail = error;
        return false;
    }
}
