using System.Runtime.CompilerServices;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Rlp;

/// <summary>Walking items: slices without copies, nested lists, stopping early, skipping and peeking.</summary>
public class RlpReaderTests
{
    [Fact]
    public void ReadBytes_returns_a_slice_of_the_input()
    {
        byte[] encoded = [0x83, (byte)'d', (byte)'o', (byte)'g'];
        var reader = new RlpReader(encoded);
        var dog = reader.ReadBytes();

        Assert.True(Unsafe.AreSame(ref Unsafe.AsRef(in dog[0]), ref encoded[1]));
        Assert.True(reader.IsAtEnd);
        reader.EnsureEnd();
    }

    [Fact]
    public void Mixed_list_reads_field_by_field()
    {
        // [ [127,0,0,1], 30303, 0, "enode" ]
        var encoded = Convert.FromHexString("cf847f00000182765f8085656e6f6465");
        var list = RlpCodec.OpenList(encoded);

        Assert.Equal(4, list.CountRemainingItems());
        Assert.Equal([127, 0, 0, 1], list.ReadFixedBytes(4).ToArray());
        Assert.Equal(30303, list.ReadUInt16());
        Assert.Equal(0u, list.ReadUInt32());
        Assert.Equal(RlpKind.ByteString, list.PeekKind());
        Assert.Equal("enode", list.ReadUtf8());
        Assert.False(list.HasMore);
        list.EnsureEnd();
        Assert.Equal(1, list.BaseOffset);
    }

    [Fact]
    public void Caller_can_stop_reading_a_list_early_and_continue_after_it()
    {
        // [ [1, 2, "extra", [3]], 9 ]: a newer peer added fields this reader does not know
        var encoded = RlpItem.List(
            RlpItem.List(RlpItem.FromUInt64(1), RlpItem.FromUInt64(2), RlpItem.FromUtf8("extra"), RlpItem.List(RlpItem.FromUInt64(3))),
            RlpItem.FromUInt64(9)).Encode();

        var outer = RlpCodec.OpenList(encoded);
        var packet = outer.EnterList();
        Assert.Equal(1UL, packet.ReadUInt64());
        Assert.Equal(2UL, packet.ReadUInt64());
        Assert.True(packet.HasMore); // ignored, as EIP-8 asks

        Assert.Equal(9UL, outer.ReadUInt64());
        outer.EnsureEnd();
    }

    [Fact]
    public void SkipItem_and_ReadEncodedItem_move_past_whole_items()
    {
        var encoded = RlpItem.List(
            RlpItem.List(RlpItem.FromUtf8("a"), RlpItem.List()),
            RlpItem.FromBytes(new byte[60]),
            RlpItem.FromUInt64(7)).Encode();

        var list = RlpCodec.OpenList(encoded);
        Assert.Equal(RlpKind.List, list.PeekKind());
        var raw = list.ReadEncodedItem();
        Assert.Equal("c261c0", Convert.ToHexStringLower(raw));
        Assert.Equal(RlpItem.List(RlpItem.FromUtf8("a"), RlpItem.List()), RlpItem.Decode(raw));

        int before = list.Position;
        list.SkipItem();
        Assert.Equal(62, list.Position - before);
        Assert.Equal(7UL, list.ReadUInt64());
        list.EnsureEnd();
    }

    [Fact]
    public void PeekKind_does_not_advance()
    {
        var reader = new RlpReader([0xc0, 0x80]);
        Assert.Equal(RlpKind.List, reader.PeekKind());
        Assert.Equal(RlpKind.List, reader.PeekKind());
        Assert.Equal(0, reader.Position);
        var empty = reader.EnterList();
        Assert.True(empty.IsAtEnd);
        Assert.Equal(0, empty.CountRemainingItems());
        Assert.Equal(RlpKind.ByteString, reader.PeekKind());
        Assert.Equal(1, reader.Remaining);
        Assert.True(reader.ReadBytes().IsEmpty);
    }

    [Fact]
    public void Lists_nested_deep_are_walked_without_recursion()
    {
        const int depth = 100_000;
        var item = RlpItem.List(RlpItem.FromUInt64(42));
        for (int i = 1; i < depth; i++)
            item = RlpItem.List(item);
        var encoded = item.Encode();

        RlpCodec.Validate(encoded);
        var decoded = RlpItem.Decode(encoded);
        Assert.Equal(item, decoded);
        Assert.Equal(encoded, decoded.Encode());

        var reader = RlpCodec.OpenList(encoded);
        for (int i = 1; i < depth; i++)
            reader = reader.EnterList();
        Assert.Equal(42UL, reader.ReadUInt64());
        reader.EnsureEnd();
    }

    [Fact]
    public void Deep_nesting_with_a_broken_innermost_list_reports_its_offset()
    {
        const int depth = 1_000;
        var encoded = RlpItem.List(RlpItem.FromUInt64(1000)).Encode(); // c3 82 03 e8
        for (int i = 1; i < depth; i++)
            encoded = RlpCodec.WrapList(encoded);
        encoded[^1] = 0x00;
        encoded[^2] = 0x00; // 82 00 00: fine as bytes, a leading zero as an integer
        RlpCodec.Validate(encoded);

        encoded[^3] = 0x83; // now declares 3 bytes where its list holds 2
        var ex = Assert.Throws<RlpException>(() => RlpCodec.Validate(encoded));
        Assert.Equal((RlpError.ElementTooLarge, encoded.Length - 3), (ex.Error, ex.Offset));
        Assert.Equal(ex.Offset, Assert.Throws<RlpException>(() => RlpItem.Decode(encoded)).Offset);
    }
}
