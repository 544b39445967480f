using Devp2p.Fuzzing.Mutation;

namespace Devp2p.Fuzzing;

/// <summary>
/// One decoder under fuzzing: how to make a valid input, how to run the decoder on bytes, which
/// exception type is its documented error, and how much it may allocate. The default input mix
/// is 10% unmutated valid encodings (which must decode), 8% random noise, and the rest valid
/// encodings with 1–3 <see cref="MutationKind"/>s applied.
/// </summary>
public abstract class FuzzTarget
{
    /// <summary>The name used by <c>--target</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The decoder exercised, in a few words.</summary>
    public abstract string Description { get; }

    /// <summary>Cases of this target in the CI quick pass: thousands, fewer where each case does elliptic-curve work.</summary>
    public virtual int QuickCases => 2000;

    /// <summary>Bytes a case may allocate whatever its input: exception objects, small fixed buffers.</summary>
    protected virtual long AllocationBase => 64 * 1024;

    /// <summary>Bytes a case may allocate per input byte: decoded copies and object trees are linear in the input.</summary>
    protected virtual long AllocationPerInputByte => 64;

    /// <summary>The allocation limit for an input of <paramref name="inputLength"/> bytes.</summary>
    public long AllocationBudget(int inputLength) => AllocationBase + AllocationPerInputByte * inputLength;

    /// <summary>Builds the input of one case from its random source.</summary>
    public virtual FuzzInput CreateInput(FuzzCaseRandom random)
    {
        int roll = random.Next(100);
        var valid = CreateValid(random);
        if (roll < 10)
            return new FuzzInput(valid, MustDecode: true, "valid");
        if (roll < 18)
            return new FuzzInput(random.Bytes(random.Next(valid.Length * 2 + 2)), MustDecode: false, "noise");
        return new FuzzInput(Mutator.MutateRandomly(valid, random), MustDecode: false, "mutated");
    }

    /// <summary>A valid encoding that the decoder must accept.</summary>
    public abstract byte[] CreateValid(FuzzCaseRandom random);

    /// <summary>
    /// Runs the decoder on <paramref name="input"/>: true when it produced a value, false when a
    /// stream decoder is still waiting for bytes; throws what the decoder throws, or <see cref="FuzzInvariantException"/>.
    /// </summary>
    public abstract bool Execute(byte[] input);

    /// <summary>True for the decoder's documented error type.</summary>
    public abstract bool IsTypedError(Exception exception);
}
