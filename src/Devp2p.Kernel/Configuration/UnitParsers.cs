using System.Globalization;
using System.Text.RegularExpressions;

namespace Devp2p.Kernel.Configuration;

/// <summary>
/// HOCON durations (<c>500ms</c>, <c>5 seconds</c>, a bare number is milliseconds) and
/// sizes in bytes (<c>16MiB</c>, <c>512k</c>, <c>1GB</c>), with the unit names of the HOCON
/// specification. Arithmetic is done in decimal so <c>1.5s</c> and <c>0.5KiB</c> are exact.
/// </summary>
internal static partial class UnitParsers
{
    [GeneratedRegex(@"^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([A-Za-z]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAndUnit();

    private static readonly Dictionary<string, decimal> TicksPerUnit = Build(
        (0.01m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (10m, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    private static readonly Dictionary<string, decimal> BytesPerUnit = Build(
        (1m, ["", "B", "b", "byte", "bytes"]),
        (1e3m, ["kB", "kilobyte", "kilobytes"]),
        (1e6m, ["MB", "megabyte", "megabytes"]),
        (1e9m, ["GB", "gigabyte", "gigabytes"]),
        (1e12m, ["TB", "terabyte", "terabytes"]),
        (1e15m, ["PB", "petabyte", "petabytes"]),
        (1e18m, ["EB", "exabyte", "exabytes"]),
        (1L << 10, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (1L << 20, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (1L << 30, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (1L << 40, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (1L << 50, ["P", "p", "Pi", "PiB", "pebibyte", "pebibytes"]),
        (1L << 60, ["E", "e", "Ei", "EiB", "exbibyte", "exbibytes"]));

    private static Dictionary<string, decimal> Build(params (decimal Factor, string[] Names)[] units)
    {
        var map = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (factor, names) in units)
            foreach (var name in names)
                map[name] = factor;
        return map;
    }

    /// <summary>Parses a duration; <c>infinite</c> gives <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value, out string error)
    {
        value = default;
        var trimmed = text.Trim();
        if (trimmed is "infinite" or "inf")
        {
            value = Timeout.InfiniteTimeSpan;
            error = "";
            return true;
        }
        if (!TrySplit(trimmed, TicksPerUnit, "ns, us, ms, s, m, h, d or their long names", out var number, out var factor, out error))
            return false;
        try
        {
            value = TimeSpan.FromTicks((long)decimal.Truncate(number * factor));
            return true;
        }
        catch (OverflowException)
        {
            error = "out of range";
            return false;
        }
    }

    /// <summary>Parses a size in bytes; negative sizes are rejected.</summary>
    public static bool TryParseByteSize(string text, out long value, out string error)
    {
        value = 0;
        if (!TrySplit(text.Trim(), BytesPerUnit, "B, kB, MB, GB, TB, K/KiB, M/MiB, G/GiB, T/TiB (kB = 1000, KiB = K = 1024)", out var number, out var factor, out error))
            return false;
        if (number < 0)
        {
            error = "a size cannot be negative";
            return false;
        }
        try
        {
            value = (long)decimal.Truncate(number * factor);
            return true;
        }
        catch (OverflowException)
        {
            error = "out of range";
            return false;
        }
    }

    private static bool TrySplit(string text, Dictionary<string, decimal> units, string expected,
        out decimal number, out decimal factor, out string error)
    {
        number = 0;
        factor = 0;
        var match = NumberAndUnit().Match(text);
        if (!match.Success)
        {
            error = "not a number followed by a unit";
            return false;
        }
        if (!units.TryGetValue(match.Groups[2].Value, out factor))
        {
            error = $"unknown unit \"{match.Groups[2].Value}\" (expected {expected})";
            return false;
        }
        if (!decimal.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            error = "number out of range";
            return false;
        }
        error = "";
        return true;
    }
}
