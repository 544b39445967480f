using Devp2p.Protocol.Rlp;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The RLP core: <see cref="RlpCodec.Validate"/> and the tree decoder <see cref="RlpItem.Decode"/>
/// must agree on every input, and what decodes must re-encode to the same bytes (canonical form).
/// </summary>
internal sealed class RlpTarget : FuzzTarget
{
    public override string Name => "rlp";

    public override string Description => "RlpCodec.Validate and RlpItem.Decode: agreement and canonical round trip";

    // The tree decoder builds an object per item: a few hundred bytes per input byte for a list bomb.
    protected override long AllocationPerInputByte => 512;

    public override byte[] CreateValid(FuzzCaseRandom random) => random.Sample(FuzzGenerators.Item).Encode();

    public override bool Execute(byte[] input)
    {
        RlpException? validateError = null;
        try
        {
            RlpCodec.Validate(input);
        }
        catch (RlpException e)
        {
            validateError = e;
        }

        RlpItem item;
        try
        {
            item = RlpItem.Decode(input);
        }
        catch (RlpException e)
        {
            if (validateError is null)
                throw new FuzzInvariantException($"Validate accepted what RlpItem.Decode rejects: {e.Message}");
            if (validateError.Error != e.Error || validateError.Offset != e.Offset)
                throw new FuzzInvariantException($"Validate and RlpItem.Decode report different errors: {validateError.Message} / {e.Message}");
            throw;
        }
        if (validateError is not null)
            throw new FuzzInvariantException($"RlpItem.Decode accepted what Validate rejects: {validateError.Message}");
        if (!item.Encode().AsSpan().SequenceEqual(input))
            throw new FuzzInvariantException("decoded item does not re-encode to the input");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is RlpException;
}
