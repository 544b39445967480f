namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The garbage collections inside one measured window, and the time they paused the process: a latency
/// tail is read against them (each pause stops both the node and the dialers of <c>bench peers</c>).
/// </summary>
internal readonly record struct GcWindow(int Gen0Before, int Gen2Before, TimeSpan PauseBefore)
{
    public static GcWindow Start() => new(GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration());

    /// <summary>Collections since <see cref="Start"/> (every collection counts as gen0), gen2 ones, and the total pause.</summary>
    public (int Gen0, int Gen2, TimeSpan Pause) Stop() =>
        (GC.CollectionCount(0) - Gen0Before, GC.CollectionCount(2) - Gen2Before, GC.GetTotalPauseDuration() - PauseBefore);
}
