using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Fuzzing.Targets;

/// <summary><see cref="Disconnect.Decode"/> on <c>[reason, ...]</c>, bare reasons and empty payloads.</summary>
internal sealed class DisconnectTarget : FuzzTarget
{
    public override string Name => "disconnect";

    public override string Description => "Disconnect.Decode (list, bare integer or empty)";

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var reason = RlpItem.FromUInt64((ulong)random.Next(256));
        return random.Next(4) switch
        {
            0 => reason.Encode(),
            1 => [],
            _ => RlpItem.List([reason, .. random.Sample(FuzzGenerators.Extras)]).Encode(),
        };
    }

    public override bool Execute(byte[] input)
    {
        bool decoded = Disconnect.TryDecode(input, out var tried);
        try
        {
            if (Disconnect.Decode(input) != tried || !decoded)
                throw new FuzzInvariantException("Decode and TryDecode disagree");
            return true;
        }
        catch (RlpException) when (decoded)
        {
            throw new FuzzInvariantException("TryDecode accepted what Decode rejects");
        }
    }

    public override bool IsTypedError(Exception exception) => exception is RlpException;
}
