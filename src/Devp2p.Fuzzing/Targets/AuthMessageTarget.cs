using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The decrypted auth body: EIP-8 (<c>[sig, pubkey, nonce, version, ...]</c> plus padding, with
/// extra elements) through <see cref="AuthMessage.DecodeEip8"/>, or the 194-byte legacy form
/// through <see cref="AuthMessage.DecodeLegacy"/>.
/// </summary>
internal sealed class AuthMessageTarget(bool legacy) : FuzzTarget
{
    public override string Name => legacy ? "auth-legacy" : "auth-eip8";

    public override string Description => legacy ? "AuthMessage.DecodeLegacy (194-byte plaintext)" : "AuthMessage.DecodeEip8 (RLP plaintext with padding)";

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        if (legacy)
            return random.Bytes(AuthMessage.LegacyLength);
        var list = RlpItem.List([
            RlpItem.FromBytes(random.Bytes(65)),
            RlpItem.FromBytes(random.Bytes(64)),
            RlpItem.FromBytes(random.Bytes(32)),
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
            .. random.Sample(FuzzGenerators.Extras)]);
        return [.. list.Encode(), .. random.Bytes(random.Next(200))];
    }

    public override bool Execute(byte[] input)
    {
        var auth = legacy ? AuthMessage.DecodeLegacy(input) : AuthMessage.DecodeEip8(input);
        if (auth.Signature.Length != 65 || auth.InitiatorPublicKey.Length != 64 || auth.Nonce.Length != 32)
            throw new FuzzInvariantException("decoded auth has fields of the wrong size");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;
}
