using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>Each strictness rule, on its own, with the error kind and the offset it reports.</summary>
public class RlpRejectionTests
{
    [Theory]
    [InlineData("8100", 0)]
    [InlineData("817f", 0)]
    [InlineData("c3c28105", 2)] // nested: the wrapped byte's header is at offset 2
    public void Single_byte_below_0x80_wrapped_as_string_is_rejected(string hex, int offset)
    {
        AssertRejected(RlpError.NonCanonicalSingleByte, offset, hex);
    }

    [Fact]
    public void Single_byte_0x80_wrapped_as_string_is_accepted()
    {
        Assert.Equal([0x80], RlpCodec.DecodeBytes([0x81, 0x80]).ToArray());
    }

    [Fact]
    public void Long_form_for_55_bytes_or_fewer_is_rejected()
    {
        AssertRejected(RlpError.NonCanonicalSize, 0, "b837" + Repeat("aa", 55));
        AssertRejected(RlpError.NonCanonicalSize, 0, "f837" + Repeat("80", 55));
        AssertRejected(RlpError.NonCanonicalSize, 1, "c3b801aa");
        RlpCodec.Validate(Convert.FromHexString("b838" + Repeat("aa", 56)));
        RlpCodec.Validate(Convert.FromHexString("f838" + Repeat("80", 56)));
    }

    [Theory]
    [InlineData("b90038")]
    [InlineData("f90038")]
    [InlineData("bb00000100")]
    public void Leading_zero_in_length_prefix_is_rejected(string prefix)
    {
        AssertRejected(RlpError.LeadingZeroInSize, 1, prefix + Repeat("80", 300));
    }

    [Theory]
    [InlineData("83aabb", RlpError.ValueTooLarge, 0)]
    [InlineData("b838aabb", RlpError.ValueTooLarge, 0)]
    [InlineData("b901", RlpError.ValueTooLarge, 0)] // the length prefix itself is cut off
    [InlineData("c3", RlpError.ValueTooLarge, 0)]
    [InlineData("bafffffe00", RlpError.ValueTooLarge, 0)] // 16 MiB declared, 1 byte present: nothing is allocated
    [InlineData("c28301020304", RlpError.ElementTooLarge, 1)] // fits the input, not the list
    [InlineData("c1b8", RlpError.ElementTooLarge, 1)]
    [InlineData("", RlpError.UnexpectedEnd, 0)]
    public void Length_past_the_end_is_rejected(string hex, RlpError error, int offset)
    {
        AssertRejected(error, offset, hex);
    }

    [Theory]
    [InlineData("bb80000000")]
    [InlineData("bbffffffff")]
    [InlineData("bfffffffffffffffff")]
    [InlineData("fb80000000")]
    [InlineData("ff0f00000000000002")]
    public void Length_that_overflows_int_is_rejected_before_use(string hex)
    {
        AssertRejected(RlpError.SizeOverflow, 1, hex + "00");
    }

    [Theory]
    [InlineData("8080", 1, 1)]
    [InlineData("c0c0", 1, 1)]
    [InlineData("c180000102", 2, 3)]
    public void Trailing_bytes_after_the_single_item_are_rejected(string hex, int offset, int count)
    {
        var ex = AssertRejected(RlpError.TrailingBytes, offset, hex);
        Assert.Contains($"{count} bytes follow", ex.Message);
    }

    [Fact]
    public void Single_item_decoders_reject_trailing_bytes()
    {
        Assert.Equal(1, Assert.Throws<RlpException>(() => RlpCodec.DecodeBytes([0x80, 0x80])).Offset);
        Assert.Equal(1, Assert.Throws<RlpException>(() => RlpCodec.DecodeUInt64([0x05, 0x80])).Offset);
        Assert.Equal(2, Assert.Throws<RlpException>(() => RlpCodec.DecodeBigInteger([0x81, 0x80, 0x00])).Offset);
        Assert.Equal(1, Assert.Throws<RlpException>(() => RlpCodec.OpenList([0xc0, 0xc0])).Offset);
    }

    [Fact]
    public void List_content_that_is_not_whole_items_is_rejected()
    {
        // [ "a", <string of 2 declared, 1 present inside the list> ] followed by a byte the list does not own
        AssertRejected(RlpError.ElementTooLarge, 2, "c361820102");
        // deep: the innermost list declares more than its parent holds
        AssertRejected(RlpError.ElementTooLarge, 2, "c2c1c2c0c0");
    }

    [Fact]
    public void Unread_list_elements_are_rejected_by_EnsureEnd()
    {
        var ex = Assert.Throws<RlpException>(() =>
        {
            var list = RlpCodec.OpenList([0xc2, 0x01, 0x02]);
            list.ReadUInt64();
            list.EnsureEnd();
        });
        Assert.Equal((RlpError.TrailingBytes, 2), (ex.Error, ex.Offset));
        Assert.Contains("end of the list", ex.Message);
    }

    [Theory]
    [InlineData("00", 0)] // zero must be 0x80
    [InlineData("820001", 1)]
    [InlineData("c3820001", 2)] // offset of the zero byte in the outermost input
    public void Leading_zero_in_integer_is_rejected(string hex, int offset)
    {
        var bytes = Convert.FromHexString(hex);
        var ex = Assert.Throws<RlpException>(() => ReadInteger(bytes, big: false));
        Assert.Equal((RlpError.NonCanonicalInteger, offset), (ex.Error, ex.Offset));
        ex = Assert.Throws<RlpException>(() => ReadInteger(bytes, big: true));
        Assert.Equal((RlpError.NonCanonicalInteger, offset), (ex.Error, ex.Offset));
    }

    [Fact]
    public void Integer_too_large_for_the_target_type_is_rejected()
    {
        Assert.Equal(ulong.MaxValue, RlpCodec.DecodeUInt64(Convert.FromHexString("88ffffffffffffffff")));
        AssertIntegerOverflow(() => RlpCodec.DecodeUInt64(Convert.FromHexString("89010000000000000000")));
        AssertIntegerOverflow(() => new RlpReader(Convert.FromHexString("850100000000")).ReadUInt32());
        AssertIntegerOverflow(() => new RlpReader(Convert.FromHexString("83010000")).ReadUInt16());
        AssertIntegerOverflow(() => new RlpReader(Convert.FromHexString("820100")).ReadByte());
        AssertIntegerOverflow(() => RlpCodec.DecodeBigInteger(Convert.FromHexString("a1" + "01" + Repeat("00", 32))));
        Assert.Equal(uint.MaxValue, new RlpReader(Convert.FromHexString("84ffffffff")).ReadUInt32());
        Assert.Equal(ushort.MaxValue, new RlpReader(Convert.FromHexString("82ffff")).ReadUInt16());
    }

    [Theory]
    [InlineData("80", false)]
    [InlineData("01", true)]
    public void Bool_is_0_or_1(string hex, bool expected)
    {
        Assert.Equal(expected, new RlpReader(Convert.FromHexString(hex)).ReadBool());
    }

    [Theory]
    [InlineData("02", RlpError.InvalidBoolean)]
    [InlineData("00", RlpError.NonCanonicalInteger)]
    [InlineData("820001", RlpError.IntegerOverflow)]
    public void Bool_other_than_0_or_1_is_rejected(string hex, RlpError error)
    {
        var ex = Assert.Throws<RlpException>(() => new RlpReader(Convert.FromHexString(hex)).ReadBool());
        Assert.Equal(error, ex.Error);
    }

    [Fact]
    public void Wrong_kind_and_wrong_fixed_length_are_rejected()
    {
        var ex = Assert.Throws<RlpException>(() => new RlpReader([0xc0]).ReadBytes());
        Assert.Equal((RlpError.ExpectedString, 0), (ex.Error, ex.Offset));
        ex = Assert.Throws<RlpException>(() => new RlpReader([0xc1, 0xc0]).EnterList().ReadUInt64());
        Assert.Equal((RlpError.ExpectedString, 1), (ex.Error, ex.Offset));
        ex = Assert.Throws<RlpException>(() => new RlpReader([0x80]).EnterList());
        Assert.Equal((RlpError.ExpectedList, 0), (ex.Error, ex.Offset));
        ex = Assert.Throws<RlpException>(() => new RlpReader([0x82, 0xaa, 0xbb]).ReadFixedBytes(3));
        Assert.Equal((RlpError.WrongLength, 0), (ex.Error, ex.Offset));
    }

    [Fact]
    public void Reading_past_the_end_of_a_list_is_rejected_at_its_end()
    {
        var ex = Assert.Throws<RlpException>(() =>
        {
            var outer = new RlpReader([0xc1, 0x05, 0x07]);
            var list = outer.EnterList();
            list.ReadUInt64();
            list.ReadUInt64();
        });
        Assert.Equal((RlpError.UnexpectedEnd, 2), (ex.Error, ex.Offset));
        Assert.Contains("list has ended", ex.Message);
    }

    [Fact]
    public void RlpException_is_a_FormatException()
    {
        Assert.IsAssignableFrom<FormatException>(Assert.Throws<RlpException>(() => RlpCodec.Validate([0x81, 0x00])));
    }

    private static RlpException AssertRejected(RlpError error, int offset, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var fromValidate = Assert.Throws<RlpException>(() => RlpCodec.Validate(bytes));
        var fromTree = Assert.Throws<RlpException>(() => RlpItem.Decode(bytes));
        Assert.Equal((error, offset), (fromValidate.Error, fromValidate.Offset));
        Assert.Equal((error, offset), (fromTree.Error, fromTree.Offset));
        Assert.Contains($"at offset {offset}", fromValidate.Message);
        return fromValidate;
    }

    private static void AssertIntegerOverflow(Action read) =>
        Assert.Equal(RlpError.IntegerOverflow, Assert.Throws<RlpException>(read).Error);

    private static void ReadInteger(byte[] bytes, bool big)
    {
        var reader = new RlpReader(bytes);
        if (reader.PeekKind() == RlpKind.List)
        {
            var list = reader.EnterList();
            ReadOne(ref list, big);
        }
        else
        {
            ReadOne(ref reader, big);
        }
    }

    private static void ReadOne(ref RlpReader reader, bool big)
    {
        if (big)
            reader.ReadBigInteger();
        else
            reader.ReadUInt64();
    }

    private static string Repeat(string hexByte, int count) => string.Concat(Enumerable.Repeat(hexByte, count));
}
