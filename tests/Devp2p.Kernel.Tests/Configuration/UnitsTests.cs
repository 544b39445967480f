using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>Durations and sizes: every unit family, bare numbers, and bad values.</summary>
public class UnitsTests
{
    public static TheoryData<string, long> Durations => new()
    {
        { "500ms", 500 * TimeSpan.TicksPerMillisecond },
        { "500 ms", 500 * TimeSpan.TicksPerMillisecond },
        { "500", 500 * TimeSpan.TicksPerMillisecond },
        { "\"250\"", 250 * TimeSpan.TicksPerMillisecond },
        { "5s", 5 * TimeSpan.TicksPerSecond },
        { "5 seconds", 5 * TimeSpan.TicksPerSecond },
        { "1 second", TimeSpan.TicksPerSecond },
        { "1.5s", 15 * TimeSpan.TicksPerSecond / 10 },
        { "2m", 2 * TimeSpan.TicksPerMinute },
        { "2 minutes", 2 * TimeSpan.TicksPerMinute },
        { "1h", TimeSpan.TicksPerHour },
        { "3 hours", 3 * TimeSpan.TicksPerHour },
        { "1d", TimeSpan.TicksPerDay },
        { "2 days", 2 * TimeSpan.TicksPerDay },
        { "10us", 100 },
        { "10 microseconds", 100 },
        { "100ns", 1 },
        { "1500 nanos", 15 },
        { "250 millis", 250 * TimeSpan.TicksPerMillisecond },
        { "0", 0 },
        { "-5s", -5 * TimeSpan.TicksPerSecond },
        { "infinite", Timeout.InfiniteTimeSpan.Ticks },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void ParsesDurations(string text, long ticks)
    {
        var config = ConfigFactory.ParseString("d = " + text);
        Assert.Equal(TimeSpan.FromTicks(ticks), config.GetTimeSpan("d"));
    }

    public static TheoryData<string, long> Sizes => new()
    {
        { "10", 10 },
        { "10B", 10 },
        { "10 bytes", 10 },
        { "1kB", 1000 },
        { "1 kilobyte", 1000 },
        { "512KiB", 512 * 1024 },
        { "512K", 512 * 1024 },
        { "512k", 512 * 1024 },
        { "512 Ki", 512 * 1024 },
        { "16MiB", 16L << 20 },
        { "16M", 16L << 20 },
        { "16m", 16L << 20 },
        { "2 mebibytes", 2L << 20 },
        { "1MB", 1_000_000 },
        { "1GB", 1_000_000_000 },
        { "1GiB", 1L << 30 },
        { "1g", 1L << 30 },
        { "2TiB", 2L << 40 },
        { "1TB", 1_000_000_000_000 },
        { "1.5MiB", 3L << 19 },
        { "0.5KiB", 512 },
        { "4EiB", 4L << 60 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ParsesSizes(string text, long bytes)
    {
        var config = ConfigFactory.ParseString("s = " + text);
        Assert.Equal(bytes, config.GetByteSize("s"));
    }

    [Theory]
    [InlineData("d = 5 parsecs", "d: expected a duration (e.g. 500ms, 5s, 2m) but got string \"5 parsecs\": unknown unit \"parsecs\" (expected ns, us, ms, s, m, h, d or their long names) (at units.conf line 1)")]
    [InlineData("d = soon", "d: expected a duration (e.g. 500ms, 5s, 2m) but got string \"soon\": not a number followed by a unit (at units.conf line 1)")]
    [InlineData("d = [1s]", "d: expected a duration (e.g. 500ms, 5s, 2m) but got array of 1 (at units.conf line 1)")]
    [InlineData("d = 99999999999d", "d: expected a duration (e.g. 500ms, 5s, 2m) but got string \"99999999999d\": out of range (at units.conf line 1)")]
    public void BadDurations(string text, string message)
    {
        var config = ConfigFactory.ParseString(text, "units.conf");
        var error = Assert.Throws<ConfigWrongTypeException>(() => config.GetTimeSpan("d"));
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("s = 1KB", "unknown unit \"KB\"")]
    [InlineData("s = -1MiB", "a size cannot be negative")]
    [InlineData("s = 16 MiBs", "unknown unit \"MiBs\"")]
    [InlineData("s = 16EiB", "out of range")]
    [InlineData("s = lots", "not a number followed by a unit")]
    public void BadSizes(string text, string detail)
    {
        var config = ConfigFactory.ParseString(text, "units.conf");
        var error = Assert.Throws<ConfigWrongTypeException>(() => config.GetByteSize("s"));
        Assert.StartsWith("s: expected a size in bytes (e.g. 512KiB, 16MiB) but got ", error.Message);
        Assert.Contains(detail, error.Message);
        Assert.EndsWith("(at units.conf line 1)", error.Message);
    }

    [Fact]
    public void ListsOfDurationsAndSizes()
    {
        var config = ConfigFactory.ParseString("d = [1s, 500ms, 2]\ns = [1KiB, 1kB]");
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(2)], config.GetTimeSpanList("d"));
        Assert.Equal([1024L, 1000L], config.GetByteSizeList("s"));
    }
}
