namespace Devp2p.Fuzzing.Mutation;

/// <summary>Where one RLP item lies in an encoding: header start, header length, payload length, kind.</summary>
public readonly record struct RlpSpan(int Offset, int HeaderLength, int ContentLength, bool IsList)
{
    public int End => Offset + HeaderLength + ContentLength;

    public int Length => HeaderLength + ContentLength;
}
