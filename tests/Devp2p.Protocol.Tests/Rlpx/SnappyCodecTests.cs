using Devp2p.Protocol.Rlpx;
using FsCheck;
using FsCheck.Fluent;

namespace Devp2p.Protocol.Tests.Rlpx;

/// <summary>
/// Our snappy block codec: round trips over generated data (random, runs, repeated phrases, mixed,
/// across the 64 KiB block boundary), cross-checked both ways with IronSnappy, and hostile input
/// (bad lengths, bad offsets, random mutations) refused as <see cref="RlpxError.BadSnappy"/> or
/// <see cref="RlpxError.MessageTooLarge"/> and nothing else.
/// </summary>
public class SnappyCodecTests
{
    private const int Limit = 1 << 24;
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);

    /// <summary>Deterministic data of a given shape: 0 random, 1 a run, 2 a repeated phrase, 3 mixed chunks.</summary>
    internal static byte[] Data(int length, int shape, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[length];
        switch (shape)
        {
            case 0:
                rng.NextBytes(data);
                break;
            case 1:
                data.AsSpan().Fill((byte)seed);
                break;
            case 2:
                var phrase = new byte[rng.Next(1, 300)];
                rng.NextBytes(phrase);
                for (int i = 0; i < length; i++)
                    data[i] = phrase[i % phrase.Length];
                break;
            default:
                for (int i = 0; i < length;)
                {
                    int n = Math.Min(length - i, rng.Next(1, 5000));
                    int kind = rng.Next(3);
                    if (kind == 0) rng.NextBytes(data.AsSpan(i, n));
                    else if (kind == 1) data.AsSpan(i, n).Fill((byte)rng.Next(256));
                    else if (i > 0) { int back = rng.Next(1, Math.Min(i, 70_000) + 1); for (int k = 0; k < n; k++) data[i + k] = data[i + k - back]; }
                    i += n;
                }
                break;
        }
        return data;
    }

    private static Gen<byte[]> Inputs { get; } =
        from length in Gen.Frequency((3, Gen.Choose(0, 300)), (3, Gen.Choose(300, 70_000)), (1, Gen.Choose(70_000, 300_000)))
        from shape in Gen.Choose(0, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        select Data(length, shape, seed);

    [Fact]
    public void Decompress_of_compress_is_identity_within_the_worst_case_bound()
    {
        Check.One(Config, Prop.ForAll(Inputs.ToArbitrary(), data =>
        {
            var compressed = SnappyCodec.Compress(data);
            return compressed.Length <= SnappyCodec.MaxCompressedLength(data.Length)
                && SnappyCodec.DecodedLength(compressed) == data.Length
                && SnappyCodec.Decompress(compressed, Limit).AsSpan().SequenceEqual(data);
        }));
    }

    [Fact]
    public void IronSnappy_reads_ours_and_we_read_IronSnappy()
    {
        Check.One(Config, Prop.ForAll(Inputs.ToArbitrary(), data =>
            IronSnappy.Snappy.Decode(SnappyCodec.Compress(data)).AsSpan().SequenceEqual(data)
            && SnappyCodec.Decompress(IronSnappy.Snappy.Encode(data), Limit).AsSpan().SequenceEqual(data)));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(1, 8)]
    [InlineData(256, 8)]
    [InlineData(257, 9)]
    [InlineData(4096, 12)]
    [InlineData(4097, 13)]
    [InlineData(16384, 14)]
    [InlineData(16385, 14)]
    [InlineData(65536, 14)]
    public void Hash_table_is_sized_to_the_block_as_go_sizes_it(int blockLength, int expectedBits) =>
        Assert.Equal(expectedBits, SnappyEncoder.TableBits(blockLength));

    /// <summary>
    /// At every table-size boundary, and for a long block followed by a short one (whose smaller
    /// table reuses uncleared stack), the encoding is byte for byte IronSnappy's (a port of Go's
    /// encoder, so the same table sizes and matches) and decodes back.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(3)]
    public void Encoding_at_table_size_boundaries_is_gos_and_round_trips(int shape)
    {
        int[] lengths = [0, 1, 16, 17, 18, 63, 64, 255, 256, 257, 511, 512, 513, 4095, 4096, 4097,
            16383, 16384, 16385, 65535, 65536, 65537, 65536 + 17, 65536 + 300, 65536 + 20_000, 3 * 65536 + 1];
        foreach (int length in lengths)
        {
            var data = Data(length, shape, length);
            var ours = SnappyCodec.Compress(data);
            Assert.Equal(Convert.ToHexString(IronSnappy.Snappy.Encode(data)), Convert.ToHexString(ours));
            Assert.Equal(data, SnappyCodec.Decompress(ours, Limit));
        }
    }

    [Theory]
    [InlineData(0, 1 << 20)]
    [InlineData(3, 1 << 20)]
    public void Compresses_repetitive_data_and_barely_grows_incompressible_data(int shape, int length)
    {
        var data = Data(length, shape, 11);
        int compressed = SnappyCodec.Compress(data).Length;
        if (shape == 0)
            Assert.InRange(compressed, length, length + length / 1000 + 16);
        Assert.True(SnappyCodec.Compress(Data(length, 1, 3)).Length < length / 20);
    }

    [Fact]
    public void Span_api_writes_into_a_larger_buffer_and_reports_the_length()
    {
        var data = Data(100_000, 3, 5);
        var room = new byte[SnappyCodec.MaxCompressedLength(data.Length) + 10];
        int n = SnappyCodec.CompressInto(data, room);
        var output = new byte[data.Length + 7];
        Assert.Equal(data.Length, SnappyCodec.DecompressInto(room.AsSpan(0, n), output, Limit));
        Assert.Equal(data, output.AsSpan(0, data.Length).ToArray());
        Assert.Throws<ArgumentException>(() => SnappyCodec.CompressInto(data, new byte[data.Length]));
    }

    [Fact]
    public void Declared_length_beyond_what_the_input_can_expand_to_is_refused_before_decoding()
    {
        // 1 MiB declared (under the limit), but 2 bytes of elements can produce at most 44.
        byte[] liar = [0x80, 0x80, 0x40, 0x00, 0x41];
        Assert.Equal(1 << 20, SnappyCodec.DecodedLength(liar));
        var e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress(liar, Limit));
        Assert.Equal(RlpxError.BadSnappy, e.Error);
        // Over the caller's limit is MessageTooLarge, checked first.
        e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress(liar, 1000));
        Assert.Equal(RlpxError.MessageTooLarge, e.Error);
    }

    [Theory]
    [InlineData(new byte[] { 0x04, 0x01, 0x00 })]                    // copy with offset 0
    [InlineData(new byte[] { 0x08, 0x00, 0x41, 0x05, 0x02 })]        // copy reaching before the start
    [InlineData(new byte[] { 0x05, 0x08, 0x41, 0x42, 0x43 })]        // literal longer than the input
    [InlineData(new byte[] { 0x03, 0x00, 0x41 })]                    // decodes to fewer bytes than declared
    [InlineData(new byte[] { 0x01, 0x04, 0x41, 0x42 })]              // decodes to more bytes than declared
    [InlineData(new byte[] { 0x05, 0xf0 })]                          // literal length bytes missing
    [InlineData(new byte[] { 0x05, 0x00, 0x41, 0x03, 0x01, 0x00, 0x00, 0x80 })] // 4-byte offset over 2^31
    public void Malformed_blocks_are_bad_snappy(byte[] block)
    {
        var e = Assert.Throws<RlpxException>(() => SnappyCodec.Decompress(block, Limit));
        Assert.Equal(RlpxError.BadSnappy, e.Error);
    }

    [Fact]
    public void Mutated_streams_fail_only_as_bad_snappy_or_decode_to_the_declared_length()
    {
        var rng = new Random(77);
        for (int trial = 0; trial < 3000; trial++)
        {
            var compressed = SnappyCodec.Compress(Data(rng.Next(0, 3000), rng.Next(4), trial));
            int flips = rng.Next(1, 4);
            for (int f = 0; f < flips && compressed.Length > 0; f++)
                compressed[rng.Next(compressed.Length)] ^= (byte)(1 << rng.Next(8));
            if (rng.Next(4) == 0 && compressed.Length > 1)
                compressed = compressed[..rng.Next(compressed.Length)];
            try
            {
                var output = SnappyCodec.Decompress(compressed, Limit);
                Assert.Equal(SnappyCodec.DecodedLength(compressed), output.Length);
            }
            catch (RlpxException e)
            {
                Assert.Contains(e.Error, new[] { RlpxError.BadSnappy, RlpxError.MessageTooLarge });
            }
        }
    }
}
