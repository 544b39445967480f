using Devp2p.Protocol.Eth;

namespace Devp2p.Fuzzing.Targets;

/// <summary><see cref="StatusMessage.Decode"/>: eth/68's Status, which every eth peer sends first.</summary>
internal sealed class StatusTarget : FuzzTarget
{
    public override string Name => "eth-status";

    public override string Description => "StatusMessage.Decode (eth/68 Status)";

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var td = new System.Numerics.BigInteger(random.Bytes(random.Next(33)), isUnsigned: true, isBigEndian: true);
        var forkId = new ForkId(random.Sample(FuzzGenerators.UInt32), random.Sample(FuzzGenerators.UInt64));
        return new StatusMessage(random.Sample(FuzzGenerators.UInt32), random.Sample(FuzzGenerators.UInt64), td,
            random.Bytes(StatusMessage.HashLength), random.Bytes(StatusMessage.HashLength), forkId).Encode();
    }

    public override bool Execute(byte[] input)
    {
        var status = StatusMessage.Decode(input);
        // Extra elements are ignored (forward compatibility), so compare values, not bytes.
        if (StatusMessage.Decode(status.Encode()).ToString() != status.ToString())
            throw new FuzzInvariantException("decoded Status does not round-trip");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is EthMessageException;
}
