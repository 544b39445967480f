using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The decrypted ack body: EIP-8 (<c>[ephemeral-pubkey, nonce, version, ...]</c> plus padding)
/// through <see cref="AckMessage.DecodeEip8"/>, or the 97-byte legacy form through <see cref="AckMessage.DecodeLegacy"/>.
/// </summary>
internal sealed class AckMessageTarget(bool legacy) : FuzzTarget
{
    public override string Name => legacy ? "ack-legacy" : "ack-eip8";

    public override string Description => legacy ? "AckMessage.DecodeLegacy (97-byte plaintext)" : "AckMessage.DecodeEip8 (RLP plaintext with padding)";

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        if (legacy)
            return random.Bytes(AckMessage.LegacyLength);
        var list = RlpItem.List([
            RlpItem.FromBytes(random.Bytes(64)),
            RlpItem.FromBytes(random.Bytes(32)),
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
            .. random.Sample(FuzzGenerators.Extras)]);
        return [.. list.Encode(), .. random.Bytes(random.Next(200))];
    }

    public override bool Execute(byte[] input)
    {
        var ack = legacy ? AckMessage.DecodeLegacy(input) : AckMessage.DecodeEip8(input);
        if (ack.EphemeralPublicKey.Length != 64 || ack.Nonce.Length != 32)
            throw new FuzzInvariantException("decoded ack has fields of the wrong size");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;
}
