using Devp2p.Protocol.Discv4;
using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Tests.Rlp;
using FsCheck;
using FsCheck.Fluent;
using static Devp2p.Protocol.Tests.Discv4.PacketFactory;

namespace Devp2p.Protocol.Tests.Discv4;

/// <summary>
/// Any datagram either decodes or throws <see cref="Discv4PacketException"/>: never another
/// exception type. Inputs are the vector packets (and a few of ours) with bit flips, byte
/// changes, truncation and extension — mostly with the hash recomputed, so the mutation gets
/// past the hash check into the RLP and signature code — plus random RLP under every type byte.
/// </summary>
public class Discv4FuzzTests
{
    private static readonly byte[][] Seeds =
    [
        .. Discv4Vectors.AllPacketBytes,
        Discv4Codec.Encode(new PingPacket(Endpoint("1.2.3.4"), Endpoint("::1"), 5, enrSeq: 7), Key),
        Discv4Codec.Encode(new EnrResponsePacket(new byte[32], RlpCodec.EncodeList(RlpCodec.EncodeBytes(new byte[65]), RlpCodec.EncodeUInt64(3))), Key),
        Discv4Codec.Encode(new EnrRequestPacket(9), Key),
    ];

    private static Gen<byte[]> Mutated { get; } =
        Gen.Choose(0, Seeds.Length - 1).SelectMany(i => Gen.Choose(0, int.MaxValue).Select(seed => Mutate(Seeds[i], new Random(seed))));

    private static Gen<byte[]> RandomRlpUnderEveryType { get; } =
        Gen.Choose(0, 8).SelectMany(type => RlpGenerators.AnyItem.Select(item => Frame((byte)type, item.Encode())));

    private static Gen<byte[]> Noise { get; } = Gen.Choose(0, 300).SelectMany(n => RlpGenerators.Byte.ArrayOf(n));

    [Fact]
    public void Decode_throws_only_Discv4PacketException()
    {
        var input = Gen.Frequency((6, Mutated), (3, RandomRlpUnderEveryType), (1, Noise));
        var property = Prop.ForAll(input.ToArbitrary(), datagram =>
        {
            try
            {
                var decoded = Discv4Codec.Decode(datagram);
                // Anything accepted can be handled further without surprises.
                _ = decoded.Packet.CheckExpiration(0);
                _ = decoded.Sender.Hash.Length;
                return true;
            }
            catch (Discv4PacketException)
            {
                return true;
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1500), property);
    }

    [Fact]
    public void Every_single_bit_flip_of_a_vector_is_BadHash_or_rejected_cleanly()
    {
        var packet = Discv4Vectors.PacketBytes("findnode_extra_elements_and_data");
        for (int bit = 0; bit < packet.Length * 8; bit++)
        {
            var copy = (byte[])packet.Clone();
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
            var error = Assert.Throws<Discv4PacketException>(() => Discv4Codec.Decode(copy));
            Assert.Equal(Discv4PacketError.BadHash, error.Error);
        }
    }

    [Fact]
    public void Every_truncation_of_every_vector_is_rejected_or_decoded()
    {
        foreach (var packet in Discv4Vectors.AllPacketBytes)
        {
            for (int length = 0; length < packet.Length; length++)
            {
                try
                {
                    Discv4Codec.Decode(length >= Discv4Constants.HashSize ? Rehash(packet[..length]) : packet[..length]);
                }
                catch (Discv4PacketException)
                {
                }
            }
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            // Mostly after the head, so the edit reaches the type and RLP once rehashed.
            int low = random.Next(4) == 0 || data.Count <= Discv4Constants.HeadSize ? 0 : Discv4Constants.HeadSize;
            int position = data.Count == 0 ? 0 : random.Next(low, data.Count);
            switch (random.Next(5))
            {
                case 0 when data.Count > 0:
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[position] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(position, random.Next(data.Count - position + 1));
                    break;
                case 3:
                    data.Insert(position, (byte)random.Next(256));
                    break;
                default:
                    if (data.Count > 0)
                        data.RemoveAt(position);
                    break;
            }
        }
        var bytes = data.ToArray();
        return bytes.Length >= Discv4Constants.HashSize && random.Next(10) != 0 ? Rehash(bytes) : bytes;
    }
}
