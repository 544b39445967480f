using System.Numerics;
using Devp2p.Protocol.Rlp;
using Devp2p.Tests.Shared;

namespace Devp2p.Protocol.Tests.Rlp;

public class RlpWriterTests
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    [Theory]
    [InlineData(0UL, "80")]
    [InlineData(1UL, "01")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8180")]
    [InlineData(255UL, "81ff")]
    [InlineData(256UL, "820100")]
    [InlineData(0xFFFFFFUL, "83ffffff")]
    [InlineData(0x0100000000000000UL, "880100000000000000")]
    [InlineData(ulong.MaxValue, "88ffffffffffffffff")]
    public void UInt64_encodes_as_minimal_big_endian(ulong value, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(RlpCodec.EncodeUInt64(value)));
        Assert.Equal(expected.Length / 2, RlpCodec.LengthOfUInt64(value));
        Assert.Equal(expected, Convert.ToHexStringLower(RlpCodec.EncodeBigInteger(value)));
        Assert.Equal(expected, Convert.ToHexStringLower(RlpItem.FromUInt64(value).Encode()));
    }

    [Fact]
    public void BigInteger_up_to_2_pow_256_minus_1_encodes()
    {
        var max = TwoTo256 - 1;
        var encoded = RlpCodec.EncodeBigInteger(max);

        Assert.Equal("a0" + new string('f', 64), Convert.ToHexStringLower(encoded));
        Assert.Equal(33, RlpCodec.LengthOfBigInteger(max));
        Assert.Equal(max, RlpCodec.DecodeBigInteger(encoded));

        var justAbove64 = BigInteger.One << 64;
        Assert.Equal("89010000000000000000", Convert.ToHexStringLower(RlpCodec.EncodeBigInteger(justAbove64)));
        Assert.Equal(10, RlpCodec.LengthOfBigInteger(justAbove64));
    }

    [Fact]
    public void BigInteger_outside_0_to_2_pow_256_minus_1_is_rejected_on_write()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpCodec.EncodeBigInteger(TwoTo256));
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpCodec.LengthOfBigInteger(TwoTo256));
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpItem.FromBigInteger(TwoTo256));
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpCodec.EncodeBigInteger(BigInteger.MinusOne));

        var buffer = new byte[64];
        Assert.Throws<ArgumentOutOfRangeException>(() => new RlpWriter(buffer).WriteBigInteger(TwoTo256 * 3));
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(1, "81")] // payload 0x80: a single byte >= 0x80 needs a header
    [InlineData(55, "b7")]
    [InlineData(56, "b838")]
    [InlineData(255, "b8ff")]
    [InlineData(256, "b90100")]
    [InlineData(65536, "ba010000")]
    public void Byte_string_header_is_minimal(int length, string expectedHeader)
    {
        var payload = Enumerable.Repeat((byte)0x80, length).ToArray();
        var encoded = RlpCodec.EncodeBytes(payload);

        Assert.Equal(expectedHeader, Convert.ToHexStringLower(encoded.AsSpan(0, expectedHeader.Length / 2)));
        Assert.Equal(encoded.Length, RlpCodec.LengthOfBytes(payload));
        Assert.Equal(payload, encoded.AsSpan(expectedHeader.Length / 2).ToArray());
    }

    [Theory]
    [InlineData(0x00, "00")]
    [InlineData(0x7f, "7f")]
    [InlineData(0x80, "8180")]
    [InlineData(0xff, "81ff")]
    public void Single_byte_below_0x80_is_its_own_encoding(byte value, string expected)
    {
        Assert.Equal(expected, Convert.ToHexStringLower(RlpCodec.EncodeBytes([value])));
        Assert.Equal(expected.Length / 2, RlpCodec.LengthOfBytes([value]));
    }

    [Theory]
    [InlineData(0, "c0")]
    [InlineData(55, "f7")]
    [InlineData(56, "f838")]
    [InlineData(1024, "f90400")]
    [InlineData(int.MaxValue, "fb7fffffff")]
    public void List_header_is_minimal(int contentLength, string expected)
    {
        var buffer = new byte[5];
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(contentLength);

        Assert.Equal(expected, Convert.ToHexStringLower(writer.Written));
        Assert.Equal(expected.Length / 2, RlpCodec.LengthOfHeader(contentLength));
    }

    [Fact]
    public void Mixed_list_is_measured_then_written_exactly()
    {
        byte[] ip = [127, 0, 0, 1];
        var id = Enumerable.Range(0, 64).Select(i => (byte)i).ToArray();
        int content = RlpCodec.LengthOfBytes(ip) + RlpCodec.LengthOfUInt64(30303) + RlpCodec.LengthOfUInt64(0) + RlpCodec.LengthOfBytes(id);

        var buffer = new byte[RlpCodec.LengthOfList(content)];
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        writer.WriteBytes(ip);
        writer.WriteUInt64(30303);
        writer.WriteUInt64(0);
        writer.WriteBytes(id);

        Assert.Equal(0, writer.Remaining);
        Assert.Equal("f84b847f000001" + "82765f" + "80" + "b840" + Convert.ToHexStringLower(id), Convert.ToHexStringLower(buffer));
    }

    [Fact]
    public void Writing_past_the_destination_throws_a_clear_argument_exception()
    {
        var buffer = new byte[3];
        var writer = new RlpWriter(buffer);
        writer.WriteUInt64(1000); // 82 03 e8
        try
        {
            writer.WriteUInt64(1);
            Assert.Fail("expected ArgumentException");
        }
        catch (ArgumentException e)
        {
            Assert.Contains("too small", e.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => RlpCodec.LengthOfList(-1));
    }

    [Fact]
    public void Bool_and_utf8_follow_go_ethereum()
    {
        Assert.Equal("80", EncodeBool(false));
        Assert.Equal("01", EncodeBool(true));
        Assert.Equal("80", Convert.ToHexStringLower(RlpCodec.EncodeUtf8("")));
        Assert.Equal("61", Convert.ToHexStringLower(RlpCodec.EncodeUtf8("a")));
        Assert.Equal("83657468", Convert.ToHexStringLower(RlpCodec.EncodeUtf8("eth")));
        Assert.Equal("82c3a9", Convert.ToHexStringLower(RlpCodec.EncodeUtf8("é")));
        Assert.Equal(3, RlpCodec.LengthOfUtf8("é"));
        Assert.Equal("é", new RlpReader(RlpCodec.EncodeUtf8("é")).ReadUtf8());
    }

    [Fact]
    public void EncodeList_and_WrapList_add_the_list_header()
    {
        var dog = RlpCodec.EncodeUtf8("dog");
        var god = RlpCodec.EncodeUtf8("god");
        var cat = RlpCodec.EncodeUtf8("cat");

        Assert.Equal("cc83646f6783676f6483636174", Convert.ToHexStringLower(RlpCodec.EncodeList(dog, god, cat)));
        Assert.Equal("c0", Convert.ToHexStringLower(RlpCodec.EncodeList()));
        Assert.Equal("c3010203", Convert.ToHexStringLower(RlpCodec.WrapList([1, 2, 3])));
    }

    [Fact]
    public void Span_path_does_not_allocate()
    {
        ulong sum = 0;
        void Run()
        {
            Span<byte> buffer = stackalloc byte[128];
            ReadOnlySpan<byte> id = stackalloc byte[64];
            sum = WriteAndRead(buffer, id);
        }
        Run(); // warm up (JIT, statics)

        Assert.Equal(0, AllocationProbe.FewestBytes(Run));
        Assert.Equal(30303UL + 30304UL, sum);
    }

    private static ulong WriteAndRead(Span<byte> buffer, ReadOnlySpan<byte> id)
    {
        int content = RlpCodec.LengthOfUInt64(30303) + RlpCodec.LengthOfUInt64(30304) + RlpCodec.LengthOfBytes(id)
            + RlpCodec.LengthOfBigInteger(new BigInteger(1234567));
        var writer = new RlpWriter(buffer);
        writer.WriteListHeader(content);
        writer.WriteUInt64(30303);
        writer.WriteUInt64(30304);
        writer.WriteBytes(id);
        writer.WriteBigInteger(new BigInteger(1234567));

        var list = RlpCodec.OpenList(writer.Written);
        ulong sum = list.ReadUInt64() + list.ReadUInt64();
        sum += (ulong)list.ReadFixedBytes(64).Length - 64;
        list.SkipItem();
        list.EnsureEnd();
        return sum;
    }

    private static string EncodeBool(bool value)
    {
        var buffer = new byte[RlpCodec.LengthOfBool(value)];
        new RlpWriter(buffer).WriteBool(value);
        return Convert.ToHexStringLower(buffer);
    }
}
