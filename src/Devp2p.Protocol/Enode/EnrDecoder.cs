using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// Turns bytes into an <see cref="Enr"/>, checking every structural rule of EIP-778 (size,
/// list shape, canonical seq, complete, sorted and unique pairs, canonical RLP values) and the
/// shape of the well-known values. It does not check the signature: <see cref="Enr"/> does that,
/// so the lenient and strict paths share one decoder.
/// </summary>
internal static class EnrDecoder
{
    /// <summary>Decodes <paramref name="encoded"/>, which the new record takes ownership of.</summary>
    public static Enr Decode(byte[] encoded)
    {
        if (encoded.Length > Enr.MaxSize)
            throw new EnrFormatException(EnrError.TooBig, $"record is {encoded.Length} bytes; the limit is {Enr.MaxSize}");

        RlpReader list;
        try
        {
            list = RlpCodec.OpenList(encoded);
        }
        catch (RlpException e)
        {
            throw new EnrFormatException(EnrError.InvalidRlp, "not a single RLP list [signature, seq, k, v, ...]: " + e.Message, e);
        }

        if (!list.HasMore)
            throw new EnrFormatException(EnrError.InvalidRlp, "record list is empty; expected [signature, seq, k, v, ...]");
        var signature = ReadString(encoded, ref list, "signature");
        int contentStart = list.BaseOffset + list.Position;
        if (!list.HasMore)
            throw new EnrFormatException(EnrError.InvalidSeq, "record has no seq after the signature");
        ulong seq;
        try
        {
            seq = list.ReadUInt64();
        }
        catch (RlpException e)
        {
            throw new EnrFormatException(EnrError.InvalidSeq, "seq must be a canonical unsigned 64-bit integer: " + e.Message, e);
        }

        var entries = ReadPairs(encoded, ref list);
        var known = ReadKnownValues(entries);
        return new Enr(encoded, seq, signature, contentStart, entries, known);
    }

    private static EnrEntry[] ReadPairs(byte[] encoded, ref RlpReader list)
    {
        var entries = new List<EnrEntry>();
        ReadOnlyMemory<byte> previous = default;
        while (list.HasMore)
        {
            var key = ReadString(encoded, ref list, $"key #{entries.Count + 1}");
            string keyText = Quote(key.Span);
            if (!list.HasMore)
                throw new EnrFormatException(EnrError.IncompletePair, $"key {keyText} has no value (odd number of key/value elements)");
            if (entries.Count > 0)
            {
                int order = key.Span.SequenceCompareTo(previous.Span);
                if (order == 0)
                    throw new EnrFormatException(EnrError.DuplicateKey, $"key {keyText} appears more than once");
                if (order < 0)
                    throw new EnrFormatException(EnrError.KeysNotSorted, $"key {keyText} comes after {Quote(previous.Span)}; keys must be sorted in ascending byte order");
            }

            int valueStart = list.BaseOffset + list.Position;
            int valueHeader;
            try
            {
                var value = list.ReadEncodedItem();
                RlpCodec.Validate(value);
                valueHeader = RlpHeader.Read(value, 0, valueStart, inList: false).ContentOffset;
                entries.Add(new EnrEntry(key, encoded.AsMemory(valueStart, value.Length), valueHeader));
            }
            catch (RlpException e)
            {
                throw new EnrFormatException(EnrError.InvalidRlp, $"value of {keyText} is not canonical RLP: " + e.Message, e);
            }
            previous = key;
        }
        return [.. entries];
    }

    // Reads one item that must be a byte string and returns its content as a slice of encoded.
    private static ReadOnlyMemory<byte> ReadString(byte[] encoded, ref RlpReader list, string what)
    {
        int start = list.BaseOffset + list.Position;
        try
        {
            var item = list.ReadEncodedItem();
            var header = RlpHeader.Read(item, 0, start, inList: false);
            if (header.Kind != RlpKind.ByteString)
                throw new EnrFormatException(EnrError.InvalidRlp, $"{what} must be a byte string, not a list (at offset {start})");
            return encoded.AsMemory(start + header.ContentOffset, header.ContentLength);
        }
        catch (RlpException e)
        {
            throw new EnrFormatException(EnrError.InvalidRlp, $"{what}: {e.Message}", e);
        }
    }

    private static EnrKnownValues ReadKnownValues(EnrEntry[] entries)
    {
        var known = new EnrKnownValues();
        foreach (var entry in entries)
        {
            switch (entry.Key)
            {
                case EnrKeys.Id:
                    known.IdentityScheme = StringValue(entry);
                    break;
                case EnrKeys.Secp256k1:
                    (known.Secp256k1, known.PublicKey) = PublicKeyValue(entry);
                    break;
                case EnrKeys.Ip:
                    known.Ip = new IPAddress(FixedValue(entry, 4, "an IPv4 address"));
                    break;
                case EnrKeys.Ip6:
                    known.Ip6 = new IPAddress(FixedValue(entry, 16, "an IPv6 address"));
                    break;
                case EnrKeys.Tcp:
                    known.Tcp = PortValue(entry);
                    break;
                case EnrKeys.Udp:
                    known.Udp = PortValue(entry);
                    break;
                case EnrKeys.Tcp6:
                    known.Tcp6 = PortValue(entry);
                    break;
                case EnrKeys.Udp6:
                    known.Udp6 = PortValue(entry);
                    break;
            }
        }
        return known;
    }

    private static ReadOnlyMemory<byte> StringValue(EnrEntry entry)
    {
        if (entry.IsList)
            throw new EnrFormatException(EnrError.InvalidValue, $"\"{entry.Key}\" must be a byte string, not a list");
        return entry.Content;
    }

    private static ReadOnlySpan<byte> FixedValue(EnrEntry entry, int length, string what)
    {
        var value = StringValue(entry).Span;
        if (value.Length != length)
            throw new EnrFormatException(EnrError.InvalidValue, $"\"{entry.Key}\" must be {length} bytes ({what}), got {value.Length}");
        return value;
    }

    private static (ReadOnlyMemory<byte> Compressed, NodeId PublicKey) PublicKeyValue(EnrEntry entry)
    {
        var compressed = StringValue(entry);
        FixedValue(entry, (int)PublicKeyFormat.Compressed, "a compressed secp256k1 public key");
        try
        {
            var raw = Secp256k1.Default.ConvertPublicKey(compressed.Span, PublicKeyFormat.Raw64);
            return (compressed, NodeId.FromBytes(raw));
        }
        catch (CryptoException e)
        {
            throw new EnrFormatException(EnrError.InvalidValue, $"\"{entry.Key}\" is not a valid public key: {e.Message}", e);
        }
    }

    private static int PortValue(EnrEntry entry)
    {
        try
        {
            var reader = new RlpReader(entry.RawValue.Span);
            int port = reader.ReadUInt16();
            reader.EnsureEnd();
            return port;
        }
        catch (RlpException e)
        {
            throw new EnrFormatException(EnrError.InvalidValue, $"\"{entry.Key}\" must be a port number (a canonical integer 0-65535): {e.Message}", e);
        }
    }

    private static string Quote(ReadOnlySpan<byte> key)
    {
        foreach (byte b in key)
        {
            if (b < 0x20 || b > 0x7e)
                return "0x" + Convert.ToHexStringLower(key);
        }
        return "\"" + System.Text.Encoding.ASCII.GetString(key) + "\"";
    }
}
