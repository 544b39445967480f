using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The recipient side of the handshake, byte stream in: <see cref="RecipientHandshake"/> fed an
/// auth packet as a socket would (exactly <c>BytesWanted</c> at a time). Inputs: real EIP-8 and
/// legacy auths (which must complete), the packets with raw mutations (size prefix, ECIES envelope),
/// and mutated plaintexts sealed properly, which reach the auth decoder and the key checks.
/// </summary>
internal sealed class AuthPacketTarget : FuzzTarget
{
    private const int Recipient = 0;
    private const int Initiator = 1;

    public override string Name => "auth-packet";

    public override string Description => "RecipientHandshake.Receive on EIP-8 and legacy auth packets";

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
        var plaintext = legacy ? LegacyPlaintext(random, handshakeRandom) : Eip8Plaintext(random, handshakeRandom);
        if (random.Chance(1, 3))
        {
            // The signature sits at offset 0 (legacy) or after the 3-byte list and 2-byte string headers (EIP-8).
            SignatureMutator.Mutate(plaintext.AsSpan(legacy ? 0 : 5, 65), random);
        }
        else
        {
            plaintext = Mutator.MutateRandomly(plaintext, random);
        }
        var packet = legacy
            ? HandshakeSealing.SealLegacy(TestKeys.Public(Recipient), plaintext, handshakeRandom)
            : HandshakeSealing.SealEip8(TestKeys.Public(Recipient), plaintext, handshakeRandom);
        return new FuzzInput(packet, MustDecode: false, legacy ? "sealed mutated legacy plaintext" : "sealed mutated EIP-8 plaintext");
    }

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var handshakeRandom = new SeededHandshakeRandom(random.Next(int.MaxValue));
        if (random.Chance(1, 4))
            return HandshakeSealing.SealLegacy(TestKeys.Public(Recipient), LegacyPlaintext(random, handshakeRandom), handshakeRandom);
        return new InitiatorHandshake(TestKeys.Private(Initiator), TestKeys.Public(Recipient), handshakeRandom).CreateAuth();
    }

    public override bool Execute(byte[] input)
    {
        var recipient = new RecipientHandshake(TestKeys.Private(Recipient), new SeededHandshakeRandom(0));
        return HandshakeSealing.Feed(input, () => recipient.BytesWanted, () => recipient.IsComplete, recipient.Receive);
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;

    // A correct auth body: the ephemeral key signs ECDH(static keys) XOR nonce.
    private static (byte[] Signature, byte[] EphemeralPublic, byte[] Nonce) Sign(IHandshakeRandom handshakeRandom)
    {
        var secp = Secp256k1.Default;
        var ephemeral = new byte[32];
        var nonce = new byte[32];
        handshakeRandom.FillEphemeralKey(ephemeral);
        handshakeRandom.FillNonce(nonce);
        var signed = new byte[32];
        secp.Ecdh(TestKeys.Private(Initiator), TestKeys.Public(Recipient), signed);
        for (int i = 0; i < signed.Length; i++)
            signed[i] ^= nonce[i];
        var signature = new byte[65];
        secp.Sign(ephemeral, signed, signature);
        return (signature, secp.CreatePublicKey(ephemeral), nonce);
    }

    private static byte[] LegacyPlaintext(FuzzCaseRandom random, IHandshakeRandom handshakeRandom)
    {
        var (signature, ephemeralPublic, nonce) = Sign(handshakeRandom);
        return [.. signature, .. Keccak256.Hash(ephemeralPublic), .. TestKeys.Public(Initiator), .. nonce, 0];
    }

    private static byte[] Eip8Plaintext(FuzzCaseRandom random, IHandshakeRandom handshakeRandom)
    {
        var (signature, _, nonce) = Sign(handshakeRandom);
        var list = RlpItem.List([
            RlpItem.FromBytes(signature),
            RlpItem.FromBytes(TestKeys.Public(Initiator)),
            RlpItem.FromBytes(nonce),
            RlpItem.FromUInt64(random.Sample(FuzzGenerators.UInt32)),
            .. random.Sample(FuzzGenerators.Extras)]);
        return [.. list.Encode(), .. random.Bytes(random.Next(100, 200))];
    }
}
