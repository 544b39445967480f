using System.Diagnostics;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// Times a floor: runs a batch of operations on <c>threads</c> threads (each thread its own state),
/// doubling the batch until it takes at least <see cref="MinimumTime"/>, so a floor measured for a
/// tiny workload is still more than timer noise. Returns operations per second.
/// </summary>
internal static class FloorTimer
{
    public static readonly TimeSpan MinimumTime = TimeSpan.FromMilliseconds(200);

    private const int MaxOperations = 1 << 24;

    /// <summary><paramref name="createWorker"/> makes one thread's state and returns the action doing one operation.</summary>
    public static double OperationsPerSecond(int operations, int threads, Func<Action> createWorker)
    {
        threads = Math.Max(1, threads);
        var workers = Enumerable.Range(0, threads).Select(_ => createWorker()).ToArray();
        foreach (var w in workers)
            w(); // warm-up: JIT, native library load, first-use tables
        int batch = Math.Max(operations, threads);
        while (true)
        {
            var watch = Stopwatch.StartNew();
            Run(batch, workers);
            watch.Stop();
            if (watch.Elapsed >= MinimumTime || batch >= MaxOperations)
                return batch / watch.Elapsed.TotalSeconds;
            batch *= 2;
        }
    }

    private static void Run(int batch, Action[] workers)
    {
        if (workers.Length == 1)
        {
            for (int i = 0; i < batch; i++)
                workers[0]();
            return;
        }
        var threads = workers.Select((work, index) =>
        {
            int share = batch / workers.Length + (index < batch % workers.Length ? 1 : 0);
            var thread = new Thread(() =>
            {
                for (int i = 0; i < share; i++)
                    work();
            }) { IsBackground = true };
            thread.Start();
            return thread;
        }).ToList();
        foreach (var t in threads)
            t.Join();
    }
}
