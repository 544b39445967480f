using System.Numerics;
using Devp2p.Protocol.Rlp;
using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>Properties over random items and random input, checked with FsCheck's C# API.</summary>
public class RlpPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);

    [Fact]
    public void Decode_of_encode_is_identity_and_encoding_is_canonical()
    {
        var property = Prop.ForAll(RlpGenerators.AnyItem.ToArbitrary(), item =>
        {
            var encoded = item.Encode();
            RlpCodec.Validate(encoded);
            var decoded = RlpItem.Decode(encoded);
            return encoded.Length == item.EncodedLength
                && decoded.Equals(item)
                && decoded.Encode().AsSpan().SequenceEqual(encoded)
                && ReadAll(encoded).Equals(item);
        });
        Check.One(Config, property);
    }

    [Fact]
    public void Integers_round_trip_through_their_minimal_encoding()
    {
        Check.One(Config, Prop.ForAll(RlpGenerators.UInt64.ToArbitrary(), value =>
        {
            var encoded = RlpCodec.EncodeUInt64(value);
            return encoded.Length == RlpCodec.LengthOfUInt64(value)
                && RlpCodec.DecodeUInt64(encoded) == value
                && encoded.AsSpan().SequenceEqual(RlpItem.FromUInt64(value).Encode());
        }));
        Check.One(Config, Prop.ForAll(RlpGenerators.UInt256.ToArbitrary(), value =>
        {
            var encoded = RlpCodec.EncodeBigInteger(value);
            return encoded.Length == RlpCodec.LengthOfBigInteger(value)
                && RlpCodec.DecodeBigInteger(encoded) == value
                && encoded.AsSpan().SequenceEqual(RlpItem.FromBigInteger(value).Encode());
        }));
    }

    [Fact]
    public void Any_input_either_decodes_canonically_or_throws_RlpException()
    {
        var property = Prop.ForAll(RlpGenerators.DecoderInput.ToArbitrary(), input =>
        {
            var fromTree = Outcome(() => RlpItem.Decode(input));
            var fromValidate = Outcome(() => { RlpCodec.Validate(input); return null; });
            var fromReader = Outcome(() => ReadAll(input));
            TryIntegers(input);

            // All three decoders agree on whether, why and where the input is bad.
            bool agree = fromTree.Error == fromValidate.Error && fromTree.Error == fromReader.Error;
            // Strict decoding makes the encoding unique: anything accepted re-encodes to itself.
            bool canonical = fromTree.Item is null || fromTree.Item.Encode().AsSpan().SequenceEqual(input);
            return agree && canonical;
        });
        Check.One(Config.WithMaxTest(3000), property);
    }

    /// <summary>Rebuilds the tree with <see cref="RlpReader"/>, strictly: every list must be read to its end.</summary>
    private static RlpItem ReadAll(byte[] encoded)
    {
        var reader = new RlpReader(encoded);
        var item = ReadItem(ref reader);
        reader.EnsureEnd();
        return item;
    }

    private static RlpItem ReadItem(ref RlpReader reader)
    {
        if (reader.PeekKind() == RlpKind.ByteString)
            return RlpItem.FromBytes(reader.ReadBytes());
        var list = reader.EnterList();
        var items = new List<RlpItem>();
        while (list.HasMore)
            items.Add(ReadItem(ref list));
        list.EnsureEnd();
        return RlpItem.List(items);
    }

    /// <summary>Integer readers on arbitrary input may only return or throw RlpException.</summary>
    private static void TryIntegers(byte[] input)
    {
        Outcome(() => { _ = new RlpReader(input).ReadUInt64(); return null; });
        Outcome(() => { _ = new RlpReader(input).ReadBigInteger(); return null; });
        Outcome(() => { _ = new RlpReader(input).ReadBool(); return null; });
    }

    private static (RlpItem? Item, (RlpError, int)? Error) Outcome(Func<RlpItem?> decode)
    {
        try
        {
            return (decode(), null);
        }
        catch (RlpException e)
        {
            return (null, (e.Error, e.Offset));
        }
    }
}
