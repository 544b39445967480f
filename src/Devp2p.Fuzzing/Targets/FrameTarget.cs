using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// The frame codec, byte stream in: a <see cref="FrameReader"/> (1 KiB frame limit) reads the frames
/// a matching <see cref="FrameWriter"/> wrote, header then body, as the connection's read loop does.
/// Inputs: 1–3 valid frames (which must all read), frames over the limit with valid MACs (typed
/// FrameTooLarge, before the body is read), and mutated streams (MAC mismatches, truncation).
/// </summary>
internal sealed class FrameTarget : FuzzTarget
{
    private const int MaxFrameSize = 1024;
    private static readonly byte[] AesSecret = Keccak256.Hash("fuzz frame aes"u8);
    private static readonly byte[] MacSecret = Keccak256.Hash("fuzz frame mac"u8);

    public override string Name => "frame";

    public override string Description => "FrameReader.ReadHeader/ReadBody on streams of frames";

    public override FuzzInput CreateInput(FuzzCaseRandom random)
    {
        if (random.Chance(1, 10))
            return new FuzzInput(Write(random, oversize: true), MustDecode: false, "frame over the limit");
        return base.CreateInput(random);
    }

    public override byte[] CreateValid(FuzzCaseRandom random) => Write(random, oversize: false);

    public override bool Execute(byte[] input)
    {
        using var reader = new FrameReader(AesSecret, new FrameMac(MacSecret, SeedState()), MaxFrameSize);
        int offset = 0;
        bool any = false;
        while (input.Length - offset >= FrameReader.HeaderLength)
        {
            int size = reader.ReadHeader(input.AsSpan(offset, FrameReader.HeaderLength));
            offset += FrameReader.HeaderLength;
            int bodyLength = FrameReader.BodyLength(size);
            if (input.Length - offset < bodyLength)
                return false;
            var content = reader.ReadBody(input.AsSpan(offset, bodyLength));
            if (content.Length != size)
                throw new FuzzInvariantException($"frame body of {content.Length} bytes, header said {size}");
            offset += bodyLength;
            any = true;
        }
        return any && offset == input.Length;
    }

    public override bool IsTypedError(Exception exception) => exception is RlpxException;

    private static Keccak256Hasher SeedState()
    {
        var state = new Keccak256Hasher();
        state.Update("fuzz frame mac state"u8);
        return state;
    }

    private static byte[] Write(FuzzCaseRandom random, bool oversize)
    {
        using var writer = new FrameWriter(AesSecret, new FrameMac(MacSecret, SeedState()));
        var output = new List<byte>();
        int frames = 1 + random.Next(3);
        for (int i = 0; i < frames; i++)
        {
            bool big = oversize && i == frames - 1;
            var payload = random.Bytes(big ? random.Next(MaxFrameSize, 4 * MaxFrameSize) : random.Next(MaxFrameSize - 16));
            var frame = new byte[FrameWriter.FrameLength((ulong)random.Next(32), payload.Length)];
            writer.WriteFrame((ulong)random.Next(32), payload, frame);
            output.AddRange(frame);
        }
        return [.. output];
    }
}
