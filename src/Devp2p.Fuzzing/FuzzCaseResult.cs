namespace Devp2p.Fuzzing;

/// <summary>The result of one case, with what is needed to replay it.</summary>
public sealed record FuzzCaseResult(
    string Target,
    ulong RunSeed,
    long CaseIndex,
    FuzzOutcome Outcome,
    string Origin,
    int InputLength,
    long AllocatedBytes,
    string Detail,
    byte[] Input)
{
    public bool IsFailure => Outcome is not (FuzzOutcome.Decoded or FuzzOutcome.TypedError);

    /// <summary>The command line that replays this case.</summary>
    public string ReplayCommand => $"devp2p fuzz --target {Target} --seed {RunSeed} --replay {CaseIndex}";

    /// <summary>The input as hex, cut at <paramref name="maxBytes"/>.</summary>
    public string InputHex(int maxBytes = 64) =>
        Convert.ToHexStringLower(Input.AsSpan(0, Math.Min(Input.Length, maxBytes))) + (Input.Length > maxBytes ? $"…({Input.Length} bytes)" : "");

    public override string ToString() =>
        $"{Target} case {CaseIndex}: {Outcome} ({Origin}, {InputLength} bytes, {AllocatedBytes} bytes allocated): {Detail}";
}
