using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Rlp;

public class RlpItemTests
{
    [Fact]
    public void Equality_is_structural()
    {
        var a = RlpItem.List(RlpItem.FromUtf8("dog"), RlpItem.List(RlpItem.FromUInt64(1)));
        var b = RlpItem.List(RlpItem.FromUtf8("dog"), RlpItem.List(RlpItem.FromBytes([1])));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, RlpItem.List(RlpItem.FromUtf8("dog"), RlpItem.List(RlpItem.FromUInt64(2))));
        Assert.NotEqual(RlpItem.List(), RlpItem.FromBytes([]));
        Assert.NotEqual(RlpItem.List(RlpItem.List()), RlpItem.List(RlpItem.FromBytes([0xc0])));
    }

    [Fact]
    public void Kind_accessors_guard_against_misuse()
    {
        var bytes = RlpItem.FromBytes([1, 2]);
        var list = RlpItem.List(bytes);

        Assert.Equal(RlpKind.ByteString, bytes.Kind);
        Assert.Equal(RlpKind.List, list.Kind);
        Assert.Same(bytes, Assert.Single(list.Items));
        Assert.Throws<InvalidOperationException>(() => bytes.Items);
        Assert.Throws<InvalidOperationException>(() => list.Bytes.Length);
        Assert.Equal(3, list.ContentLength);
        Assert.Equal(4, list.EncodedLength);
    }

    [Fact]
    public void ToString_shows_hex_and_brackets()
    {
        var item = RlpItem.List(RlpItem.FromUtf8("dog"), RlpItem.List(), RlpItem.FromUInt64(0));
        Assert.Equal("[0x646f67, [], 0x]", item.ToString());
    }

    [Fact]
    public void WriteTo_appends_to_an_ongoing_writer()
    {
        var item = RlpItem.List(RlpItem.FromUInt64(1), RlpItem.FromUInt64(2));
        var buffer = new byte[1 + item.EncodedLength];
        var writer = new RlpWriter(buffer);
        writer.WriteUInt64(5);
        item.WriteTo(ref writer);

        Assert.Equal("05c20102", Convert.ToHexStringLower(buffer));
    }
}
