using System.Numerics;
using System.Text.Json;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>ethereum/tests RLPTests: every valid vector round-trips, every invalid one is rejected precisely.</summary>
public class RlpVectorTests
{
    public static TheoryData<string> ValidNames => RlpVectors.ValidNames;

    public static TheoryData<string> InvalidNames => RlpVectors.InvalidNames;

    /// <summary>What each invalid vector must be rejected for, and the offset of the offending byte.</summary>
    private static readonly Dictionary<string, (RlpError Error, int Offset)> InvalidExpectations = new()
    {
        ["int32Overflow"] = (RlpError.SizeOverflow, 1),
        ["int32Overflow2"] = (RlpError.SizeOverflow, 1),
        ["wrongSizeList"] = (RlpError.NonCanonicalSize, 0),
        ["wrongSizeList2"] = (RlpError.NonCanonicalSize, 0),
        ["incorrectLengthInArray"] = (RlpError.LeadingZeroInSize, 1),
        ["randomRLP"] = (RlpError.LeadingZeroInSize, 5),
        ["bytesShouldBeSingleByte00"] = (RlpError.NonCanonicalSingleByte, 0),
        ["bytesShouldBeSingleByte01"] = (RlpError.NonCanonicalSingleByte, 0),
        ["bytesShouldBeSingleByte7F"] = (RlpError.NonCanonicalSingleByte, 0),
        ["leadingZerosInLongLengthArray1"] = (RlpError.LeadingZeroInSize, 1),
        ["leadingZerosInLongLengthArray2"] = (RlpError.LeadingZeroInSize, 1),
        ["leadingZerosInLongLengthList1"] = (RlpError.LeadingZeroInSize, 1),
        ["leadingZerosInLongLengthList2"] = (RlpError.LeadingZeroInSize, 1),
        ["nonOptimalLongLengthArray1"] = (RlpError.NonCanonicalSize, 0),
        ["nonOptimalLongLengthArray2"] = (RlpError.NonCanonicalSize, 0),
        ["nonOptimalLongLengthList1"] = (RlpError.NonCanonicalSize, 0),
        ["nonOptimalLongLengthList2"] = (RlpError.NonCanonicalSize, 0),
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_vector_encodes_with_the_writer(string name)
    {
        var input = RlpVectors.ValidInput(name);
        var expected = RlpVectors.ValidOutput(name);

        int length = Measure(input);
        var buffer = new byte[length];
        var writer = new RlpWriter(buffer);
        Write(ref writer, input);

        Assert.Equal(length, writer.Position);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_vector_encodes_from_the_item_tree(string name)
    {
        var item = RlpVectors.ToItem(RlpVectors.ValidInput(name));
        var expected = RlpVectors.ValidOutput(name);

        Assert.Equal(expected.Length, item.EncodedLength);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(item.Encode()));
    }

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void Valid_vector_decodes_to_the_same_structure(string name)
    {
        var input = RlpVectors.ValidInput(name);
        var encoded = RlpVectors.ValidOutput(name);

        RlpCodec.Validate(encoded);
        Assert.Equal(RlpVectors.ToItem(input), RlpItem.Decode(encoded));

        var reader = new RlpReader(encoded);
        ReadAndCompare(ref reader, input);
        reader.EnsureEnd();
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Invalid_vector_is_rejected_with_reason_and_offset(string name)
    {
        var encoded = RlpVectors.InvalidOutput(name);
        var (error, offset) = InvalidExpectations[name];

        var fromTree = Assert.Throws<RlpException>(() => RlpItem.Decode(encoded));
        var fromValidate = Assert.Throws<RlpException>(() => RlpCodec.Validate(encoded));

        Assert.InRange(fromTree.Offset, 0, encoded.Length);
        Assert.Equal((error, offset), (fromTree.Error, fromTree.Offset));
        Assert.Equal((error, offset), (fromValidate.Error, fromValidate.Offset));
        Assert.Contains($"offset {offset}", fromTree.Message);
    }

    [Fact]
    public void Every_invalid_vector_has_an_expectation()
    {
        Assert.Equal(InvalidExpectations.Keys.Order(), RlpVectors.InvalidNameSet.Order());
    }

    private static int Measure(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Array:
                return RlpCodec.LengthOfList(ContentLength(input));
            case JsonValueKind.Number:
                return RlpCodec.LengthOfUInt64(input.GetUInt64());
            case JsonValueKind.String when RlpVectors.IsBigInteger(input, out var big):
                return big.GetBitLength() <= 256
                    ? RlpCodec.LengthOfBigInteger(big)
                    : RlpCodec.LengthOfBytes(RlpVectors.MinimalBigEndian(big));
            default:
                return RlpCodec.LengthOfBytes(RlpVectors.Latin1(input));
        }
    }

    private static void Write(ref RlpWriter writer, JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Array:
                writer.WriteListHeader(ContentLength(input));
                foreach (var element in input.EnumerateArray())
                    Write(ref writer, element);
                break;
            case JsonValueKind.Number:
                writer.WriteUInt64(input.GetUInt64());
                break;
            case JsonValueKind.String when RlpVectors.IsBigInteger(input, out var big):
                if (big.GetBitLength() <= 256)
                    writer.WriteBigInteger(big);
                else
                    writer.WriteBytes(RlpVectors.MinimalBigEndian(big));
                break;
            default:
                writer.WriteBytes(RlpVectors.Latin1(input));
                break;
        }
    }

    private static int ContentLength(JsonElement list)
    {
        int content = 0;
        foreach (var element in list.EnumerateArray())
            content += Measure(element);
        return content;
    }

    private static void ReadAndCompare(ref RlpReader reader, JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Array:
                Assert.Equal(RlpKind.List, reader.PeekKind());
                var list = reader.EnterList();
                Assert.Equal(input.GetArrayLength(), list.CountRemainingItems());
                foreach (var element in input.EnumerateArray())
                    ReadAndCompare(ref list, element);
                list.EnsureEnd();
                break;
            case JsonValueKind.Number:
                Assert.Equal(input.GetUInt64(), reader.ReadUInt64());
                break;
            case JsonValueKind.String when RlpVectors.IsBigInteger(input, out var big):
                if (big.GetBitLength() <= 256)
                {
                    Assert.Equal(big, reader.ReadBigInteger());
                }
                else
                {
                    var copy = reader;
                    Assert.Equal(RlpError.IntegerOverflow, CatchError(copy));
                    Assert.Equal(RlpVectors.MinimalBigEndian(big), reader.ReadBytes().ToArray());
                }
                break;
            default:
                Assert.Equal(RlpKind.ByteString, reader.PeekKind());
                Assert.Equal(RlpVectors.Latin1(input), reader.ReadBytes().ToArray());
                break;
        }
    }

    private static RlpError? CatchError(RlpReader reader)
    {
        try
        {
            reader.ReadBigInteger();
            return null;
        }
        catch (RlpException e)
        {
            return e.Error;
        }
    }
}
