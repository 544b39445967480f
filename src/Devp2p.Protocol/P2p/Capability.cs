using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.P2p;

/// <summary>A sub-protocol a peer offers, e.g. <c>eth/68</c>: RLP <c>[name, version]</c> in the Hello.</summary>
public readonly record struct Capability(string Name, uint Version) : IComparable<Capability>
{
    public override string ToString() => $"{Name}/{Version}";

    /// <summary>Orders by name (ordinal), then version: the order capability offsets are assigned in.</summary>
    public int CompareTo(Capability other)
    {
        int c = string.CompareOrdinal(Name, other.Name);
        return c != 0 ? c : Version.CompareTo(other.Version);
    }

    internal int EncodedLength => RlpCodec.LengthOfList(ContentLength);

    private int ContentLength => RlpCodec.LengthOfUtf8(Name) + RlpCodec.LengthOfUInt64(Version);

    internal void Write(ref RlpWriter writer)
    {
        writer.WriteListHeader(ContentLength);
        writer.WriteUtf8(Name);
        writer.WriteUInt64(Version);
    }

    /// <summary>Reads <c>[name, version, ...]</c>; extra elements are ignored.</summary>
    internal static Capability Read(ref RlpReader reader)
    {
        var list = reader.EnterList();
        return new Capability(list.ReadUtf8(), list.ReadUInt32());
    }
}
