using System.Diagnostics;
using Devp2p.Cli.Commands.Bench;

namespace Devp2p.Cli.Tests.Bench;

public sealed class BenchWarmupTests
{
    [Fact]
    public void No_minimum_means_no_warm_up()
    {
        var warmup = BenchWarmup.Start(0);
        Assert.False(warmup.More());
        Assert.Equal(TimeSpan.Zero, warmup.Elapsed);
    }

    [Fact]
    public void A_warm_up_runs_at_least_its_minimum_and_ends_by_its_limit_even_while_the_jit_is_busy()
    {
        const double minimum = 0.2;
        var warmup = BenchWarmup.Start(minimum);
        var watch = Stopwatch.StartNew();
        int calls = 0;
        while (warmup.More())
        {
            calls++;
            Thread.Sleep(5);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the warm-up did not end");
        }
        Assert.True(calls > 0);
        Assert.InRange(warmup.Elapsed.TotalSeconds, minimum, (BenchWarmup.SettleFactor + 1) * minimum + BenchWarmup.SettleWindow.TotalSeconds);
        Assert.False(warmup.More()); // ended for good
    }
}
