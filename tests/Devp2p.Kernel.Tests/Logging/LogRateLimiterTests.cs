using Devp2p.Kernel.Event;

namespace Devp2p.Kernel.Tests.Logging;

/// <summary>The keyed limit of repeated warnings: N per key and interval, then a count of what was held back.</summary>
public class LogRateLimiterTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Lets_the_limit_through_per_key_then_holds_back_and_reports_the_count_when_the_window_closes()
    {
        var limiter = new LogRateLimiter(5, Minute);
        var t = TimeSpan.FromSeconds(10);
        var written = Enumerable.Range(0, 8).Select(i => limiter.Check("peer-a/ProtocolError", t + TimeSpan.FromSeconds(i))).ToList();
        Assert.Equal(5, written.Count(d => d.Write));
        Assert.All(written, d => Assert.Equal(0, d.SuppressedBefore));
        Assert.True(limiter.Check("peer-b/ProtocolError", t).Write); // another peer has its own budget

        var later = limiter.Check("peer-a/ProtocolError", t + Minute);
        Assert.True(later.Write);
        Assert.Equal(3, later.SuppressedBefore);
        Assert.Equal(0, limiter.Check("peer-a/ProtocolError", t + Minute).SuppressedBefore); // reported once
    }

    [Fact]
    public void Remembers_a_bounded_number_of_keys()
    {
        var limiter = new LogRateLimiter(1, Minute, maxKeys: 4);
        for (int i = 0; i < 100; i++)
            Assert.True(limiter.Check("key" + i, TimeSpan.Zero).Write);
        // key0 was forgotten along the way, so it starts a fresh window rather than being held back.
        Assert.True(limiter.Check("key0", TimeSpan.FromSeconds(1)).Write);
        Assert.False(limiter.Check("key0", TimeSpan.FromSeconds(2)).Write);
    }

    [Fact]
    public void Rejects_nonsense_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRateLimiter(0, Minute));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogRateLimiter(1, TimeSpan.Zero));
    }
}
