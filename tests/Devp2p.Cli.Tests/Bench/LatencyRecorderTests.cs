using Devp2p.Cli.Commands.Bench;

namespace Devp2p.Cli.Tests.Bench;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_whatever_the_order_of_samples()
    {
        var recorder = new LatencyRecorder();
        foreach (int ms in Enumerable.Range(1, 100).Reverse())
            recorder.Add(TimeSpan.FromMilliseconds(ms));
        Assert.Equal(100, recorder.Count);
        Assert.Equal(50, recorder.PercentileMs(50));
        Assert.Equal(99, recorder.PercentileMs(99));
        Assert.Equal(100, recorder.PercentileMs(100));
        Assert.Equal(1, recorder.PercentileMs(0));
    }

    [Fact]
    public void One_sample_is_every_percentile_and_none_is_not_a_number()
    {
        var recorder = new LatencyRecorder();
        Assert.True(double.IsNaN(recorder.PercentileMs(50)));
        recorder.Add(TimeSpan.FromMilliseconds(7));
        Assert.Equal(7, recorder.PercentileMs(1));
        Assert.Equal(7, recorder.PercentileMs(99));
    }
}
