namespace Devp2p.Tests.Shared;

/// <summary>
/// What a piece of code allocates on the calling thread, for "allocates nothing" tests. The runtime itself
/// allocates on a thread now and then (tiered compilation hands a method that passed its call-count
/// threshold to the background compiler: 896 B appeared inside a Keccak loop in one CI run), so one
/// reading can accuse code that allocates nothing. Code that allocates on every run shows in every round.
/// </summary>
internal static class AllocationProbe
{
    /// <summary>The fewest bytes <paramref name="body"/> allocated on this thread in up to <paramref name="rounds"/> runs; stops at the first 0.</summary>
    public static long FewestBytes(Action body, int rounds = 5)
    {
        long fewest = long.MaxValue;
        for (int round = 0; round < rounds && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
