using Devp2p.Protocol.Enode;

namespace Devp2p.Fuzzing.Targets;

/// <summary><see cref="Enr.Decode"/> (structure and signature) on mutated signed records.</summary>
internal sealed class EnrRlpTarget : FuzzTarget
{
    public override string Name => "enr-rlp";

    public override string Description => "Enr.Decode: EIP-778 structure, known values and the v4 signature";

    public override int QuickCases => 1500;

    // Signature checks on the managed backend allocate big-integer temporaries.
    protected override long AllocationBase => 1024 * 1024;

    public override byte[] CreateValid(FuzzCaseRandom random) => EnrRecords.Pick(random);

    public override bool Execute(byte[] input) => Enr.Decode(input) is not null;

    public override bool IsTypedError(Exception exception) => exception is EnrFormatException;
}
