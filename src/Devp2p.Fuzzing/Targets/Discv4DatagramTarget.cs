using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Discv4;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// Whole datagrams through <see cref="Discv4Codec.Decode"/>: size, hash, type, data and signature
/// recovery. Most mutated datagrams get their hash recomputed, so the mutation reaches the type
/// byte, the data and the signature instead of stopping at the hash check.
/// </summary>
internal sealed class Discv4DatagramTarget : FuzzTarget
{
    public override string Name => "discv4-datagram";

    public override string Description => "Discv4Codec.Decode on whole datagrams (hash, type, RLP, signature)";

    public override int QuickCases => 600;

    protected override long AllocationBase => 1024 * 1024;

    public override FuzzInput CreateInput(FuzzCaseRandom random)
    {
        if (random.Chance(1, 6))
        {
            var damaged = (byte[])CreateValid(random).Clone();
            SignatureMutator.Mutate(damaged.AsSpan(Discv4Constants.HashSize, Discv4Constants.SignatureSize), random);
            Keccak256.Hash(damaged.AsSpan(Discv4Constants.HashSize), damaged.AsSpan(0, Discv4Constants.HashSize));
            return new FuzzInput(damaged, MustDecode: false, "damaged signature, hash fixed");
        }
        var input = base.CreateInput(random);
        if (input.MustDecode || input.Bytes.Length < Discv4Constants.MinPacketSize || random.Chance(1, 4))
            return input;
        var fixedUp = (byte[])input.Bytes.Clone();
        Keccak256.Hash(fixedUp.AsSpan(Discv4Constants.HashSize), fixedUp.AsSpan(0, Discv4Constants.HashSize));
        return input with { Bytes = fixedUp, Origin = input.Origin + ", hash fixed" };
    }

    public override byte[] CreateValid(FuzzCaseRandom random)
    {
        var types = Enum.GetValues<Discv4PacketType>();
        return Discv4Packets.Pick(types[random.Next(types.Length)], random);
    }

    public override bool Execute(byte[] input)
    {
        var decoded = Discv4Codec.Decode(input);
        if (decoded.Packet.Type != (Discv4PacketType)input[Discv4Constants.HeadSize])
            throw new FuzzInvariantException("decoded packet type differs from the type byte");
        return true;
    }

    public override bool IsTypedError(Exception exception) => exception is Discv4PacketException;
}
