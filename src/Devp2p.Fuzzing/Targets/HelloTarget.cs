using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Fuzzing.Targets;

/// <summary><see cref="Hello.Decode"/> on Hellos with any version, client id, capabilities and extra elements.</summary>
internal sealed class HelloTarget : FuzzTarget
{
    private static readonly string[] Names = ["eth", "snap", "les", "echo", "", "a-very-long-capability-name"];

    public override string Name => "hello";

    public override string Description => "Hello.Decode (p2p Hello, forward compatible)";

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var caps = Enumerable.Range(0, random.Next(6)).Select(_ =>
            RlpItem.List([
                RlpItem.FromUtf8(Names[random.Next(Names.Length)]),
                RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
                .. random.Chance(1, 5) ? random.Sample(FuzzGenerators.Extras) : []]));
        return RlpItem.List([
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
            RlpItem.FromBytes(random.Bytes(random.Next(80))),
            RlpItem.List(caps),
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt64)),
            RlpItem.FromBytes(random.Bytes(Hello.NodeIdLength)),
            .. random.Sample(FuzzGenerators.Extras)]).Encode();
    }

    public override bool Execute(byte[] input) => Hello.Decode(input).NodeId.Length == Hello.NodeIdLength;

    public override bool IsTypedError(Exception exception) => exception is RlpException;
}
