using Devp2p.Protocol.Rlpx;

namespace Devp2p.Protocol.Tests.Fuzzing;

/// <summary>
/// A bug the fuzz pass found in the snappy path: a block whose declared decoded length is within
/// the 16 MiB limit but far beyond what its few bytes can expand to made IronSnappy allocate the
/// declared size before failing as corrupt. Found by devp2p fuzz --target snappy (case 151 of the
/// default seed: 2 MiB for 793 bytes); fixed by the span-based SnappyDecoder, which refuses such
/// a length before allocating.
/// </summary>
public class SnappyRegressionTests
{
    public static TheoryData<byte[]> HugeDeclarations => new()
    {
        // uvarint 16 MiB - 1, then a 1-byte literal
        new byte[] { 0xff, 0xff, 0xff, 0x07, 0x00, 0x41 },
        // uvarint 2 MiB, no data at all
        new byte[] { 0x80, 0x80, 0x80, 0x01 },
        // uvarint 1 MiB, then a copy that reaches before the start
        new byte[] { 0x80, 0x80, 0x40, 0x01, 0x01, 0x00 },
    };

    [Theory]
    [MemberData(nameof(HugeDeclarations))]
    public void A_declared_length_the_input_cannot_reach_is_refused_before_allocating(byte[] block)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress(block, RlpxSession.DefaultMaxMessageSize));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(RlpxError.BadSnappy, error.Error);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a {block.Length}-byte block");
    }
}
