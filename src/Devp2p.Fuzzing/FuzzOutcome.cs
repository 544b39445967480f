namespace Devp2p.Fuzzing;

/// <summary>How one case ended. The first two are passes; every other value is a failure.</summary>
public enum FuzzOutcome
{
    /// <summary>The decoder returned a value (or, for stream decoders, waited for more bytes).</summary>
    Decoded,

    /// <summary>The decoder threw its documented exception type.</summary>
    TypedError,

    /// <summary>Any other exception escaped the decoder.</summary>
    UnexpectedException,

    /// <summary>An unmutated valid encoding was rejected.</summary>
    ValidRejected,

    /// <summary>A decoded value broke a property of the target (round trip, agreement).</summary>
    InvariantBroken,

    /// <summary>The case allocated more than its budget, proportional to the input's size.</summary>
    OverAllocation,

    /// <summary>The case ran past its time budget.</summary>
    Hang,
}
