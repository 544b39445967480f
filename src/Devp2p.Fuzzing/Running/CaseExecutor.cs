namespace Devp2p.Fuzzing.Running;

/// <summary>
/// Runs one case on the calling thread: builds the input from the case seed, runs the decoder,
/// measures what the decoder call alone allocated (<see cref="GC.GetAllocatedBytesForCurrentThread"/>)
/// and classifies the end against the outcome rule.
/// </summary>
public static class CaseExecutor
{
    public static FuzzCaseResult Run(FuzzTarget target, ulong runSeed, long caseIndex)
    {
        FuzzInput input;
        try
        {
            input = target.CreateInput(new FuzzCaseRandom(FuzzSeed.ForCase(runSeed, target.Name, caseIndex)));
        }
        catch (Exception e)
        {
            // A bug of the harness, not of a decoder, but it must not end the run silently either.
            return new FuzzCaseResult(target.Name, runSeed, caseIndex, FuzzOutcome.UnexpectedException, "input generation", 0, 0,
                $"creating the input failed: {e.GetType().Name}: {e.Message} at {FirstFrame(e)}", []);
        }
        FuzzOutcome outcome;
        string detail;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            bool complete = target.Execute(input.Bytes);
            (outcome, detail) = complete ? (FuzzOutcome.Decoded, "decoded")
                : input.MustDecode ? (FuzzOutcome.ValidRejected, "a valid input left the decoder waiting for more bytes")
                : (FuzzOutcome.Decoded, "waiting for more bytes");
        }
        catch (FuzzInvariantException e)
        {
            outcome = FuzzOutcome.InvariantBroken;
            detail = e.Message;
        }
        catch (Exception e) when (target.IsTypedError(e))
        {
            outcome = input.MustDecode ? FuzzOutcome.ValidRejected : FuzzOutcome.TypedError;
            detail = $"{e.GetType().Name}: {e.Message}";
        }
        catch (Exception e)
        {
            outcome = FuzzOutcome.UnexpectedException;
            detail = $"{e.GetType().FullName}: {e.Message} at {FirstFrame(e)}";
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long budget = target.AllocationBudget(input.Bytes.Length);
        if (outcome is FuzzOutcome.Decoded or FuzzOutcome.TypedError && allocated > budget)
        {
            detail = $"allocated {allocated} bytes for a {input.Bytes.Length}-byte input (budget {budget}); then {outcome}: {detail}";
            outcome = FuzzOutcome.OverAllocation;
        }
        return new FuzzCaseResult(target.Name, runSeed, caseIndex, outcome, input.Origin, input.Bytes.Length, allocated, detail, input.Bytes);
    }

    /// <summary>Runs a few valid inputs unmeasured, so type initialisation and first-call caches do not count against case 0.</summary>
    public static void WarmUp(FuzzTarget target, ulong runSeed)
    {
        for (int i = 0; i < 3; i++)
        {
            try
            {
                target.Execute(target.CreateValid(new FuzzCaseRandom(FuzzSeed.ForCase(runSeed, target.Name, -1 - i))));
            }
            catch (Exception)
            {
                // A warm-up failure shows up again, classified, in the cases proper.
            }
        }
    }

    private static string FirstFrame(Exception e)
    {
        var trace = e.StackTrace;
        if (string.IsNullOrEmpty(trace)) return "?";
        var first = trace.Split('\n', 2)[0].Trim();
        return first.StartsWith("at ", StringComparison.Ordinal) ? first[3..] : first;
    }
}
