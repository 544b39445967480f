using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The initiator side of the handshake: an <see cref="InitiatorHandshake"/> that has sent its auth
/// is fed an ack packet as a socket would. Inputs: the real EIP-8 ack and a legacy ack (which must
/// complete), raw mutations of them, and mutated ack plaintexts sealed properly.
/// </summary>
internal sealed class AckPacketTarget : FuzzTarget
{
    private const int Recipient = 0;
    private const int Initiator = 1;
    private const int InitiatorRandomSeed = 7;

    private static readonly Lazy<byte[]> RealAck = new(() =>
    {
        var initiator = new InitiatorHandshake(TestKeys.Private(Initiator), TestKeys.Public(Recipient), new SeededHandshakeRandom(InitiatorRandomSeed));
        var recipient = new RecipientHandshake(TestKeys.Private(Recipient), new SeededHandshakeRandom(1));
        var auth = initiator.CreateAuth();
        HandshakeSealing.Feed(auth, () => recipient.BytesWanted, () => recipient.IsComplete, recipient.Receive);
        return recipient.AckPacket;
    });

    public override string Name => "ack-packet";

    public override string Description => "InitiatorHandshake.Receive on EIP-8 and legacy ack packets";

    public override int QuickCases => 300;

    // A complete handshake on the managed secp256k1 backend allocates about 1.5 MB of big-integer temporaries.
    protected override long AllocationBase => 4 * 1024 * 1024;

    public override FuzzInput CreateInput(FuzzCaseRandom random)
    {
        int roll = random.Next(100);
        if (roll < 10)
            return new FuzzInput(CreateValid(random), MustDecode: true, "valid");
        if (roll < 15)
            return new FuzzInput(random.Bytes(random.Next(400)), MustDecode: false, "noise");
        if (roll < 50)
            return new FuzzInput(Mutator.MutateRandomly(CreateValid(random), random), MustDecode: false, "mutated packet");
        var handshakeRandom = new SeededHandshakeRandom(random.Next(int.MaxValue));
        bool legacy = random.Chance(1, 3);
        var plaintext = Mutator.MutateRandomly(Plaintext(random, legacy), random);
        var packet = legacy
            ? HandshakeSealing.SealLegacy(TestKeys.Public(Initiator), plaintext, handshakeRandom)
            : HandshakeSealing.SealEip8(TestKeys.Public(Initiator), plaintext, handshakeRandom);
        return new FuzzInput(packet, MustDecode: false, legacy ? "sealed mutated legacy plaintext" : "sealed mutated EIP-8 plaintext");
    }

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        if (random.Chance(1, 2))
            return RealAck.Value;
        var handshakeRandom = new SeededHandshakeRandom(random.Next(int.MaxValue));
        bool legacy = random.Chance(1, 2);
        var plaintext = Plaintext(random, legacy);
        return legacy
            ? HandshakeSealing.SealLegacy(TestKeys.Public(Initiator), plaintext, handshakeRandom)
            : HandshakeSealing.SealEip8(TestKeys.Public(Initiator), plaintext, handshakeRandom);
    }

    public override bool Execute(byte[] input)
    {
        var initiator = new InitiatorHandshake(TestKeys.Private(Initiator), TestKeys.Public(Recipient), new SeededHandshakeRandom(InitiatorRandomSeed));
        initiator.CreateAuth();
        return HandshakeSealing.Feed(input, () => initiator.BytesWanted, () => initiator.IsComplete, initiator.Receive);
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;

    // Any valid point serves as the recipient's ephemeral key.
    private static byte[] Plaintext(FuzzCaseRandom random, bool legacy)
    {
        var ephemeral = TestKeys.Public(2 + random.Next(TestKeys.Count - 2));
        var nonce = random.Bytes(32);
        if (legacy)
            return [.. ephemeral, .. nonce, 0];
        var list = RlpItem.List([
            RlpItem.FromBytes(ephemeral),
            RlpItem.FromBytes(nonce),
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
            .. random.Sample(FuzzGenerators.Extras)]);
        return [.. list.Encode(), .. random.Bytes(random.Next(100, 200))];
    }
}
