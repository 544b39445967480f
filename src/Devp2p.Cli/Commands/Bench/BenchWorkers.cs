namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The closed-loop load of the handshake and discovery benches: <c>concurrency</c> workers, each
/// starting its next operation as soon as its last one finished, while <c>more</c> says so (a shared
/// count for the measured phase, <see cref="BenchWarmup.More"/> for the warm-up).
/// </summary>
internal static class BenchWorkers
{
    public static Task RunAsync(int concurrency, Func<bool> more, Func<Task> one, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (more())
            {
                ct.ThrowIfCancellationRequested();
                await one();
            }
        }, ct)));

    /// <summary>A condition true <paramref name="count"/> times in all, across the workers.</summary>
    public static Func<bool> Times(int count)
    {
        int next = 0;
        return () => Interlocked.Increment(ref next) <= count;
    }
}
