using System.Net;
using System.Net.Sockets;
using System.Text;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// Assembles and signs a node record. Keys are kept sorted (byte-wise) and unique, values are
/// raw RLP; <see cref="Sign"/> adds "id" = "v4" and "secp256k1" = the key's compressed public
/// key, signs under "v4", enforces the 300-byte limit and returns a decoded <see cref="Enr"/>
/// (so anything built here is exactly what a peer would accept). Not thread-safe; one builder
/// per record update. Start from an existing record with <see cref="From"/> and bump
/// <see cref="Seq"/> to publish a change.
/// </summary>
public sealed class EnrBuilder
{
    private readonly SortedDictionary<byte[], byte[]> _pairs = new(ByteOrder.Instance);

    /// <summary>Sequence number of the record to sign (default 0).</summary>
    public ulong Seq { get; set; }

    /// <summary>A builder holding every pair and the seq of <paramref name="record"/>.</summary>
    public static EnrBuilder From(Enr record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = new EnrBuilder { Seq = record.Seq };
        foreach (var entry in record.Entries)
            builder._pairs[entry.KeyBytes.ToArray()] = entry.RawValue.ToArray();
        return builder;
    }

    public EnrBuilder WithSeq(ulong seq)
    {
        Seq = seq;
        return this;
    }

    /// <summary>Sets "ip" for an IPv4 address (IPv4-mapped IPv6 included) or "ip6" for an IPv6 one.</summary>
    public EnrBuilder WithIp(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? WithBytes(EnrKeys.Ip, ip.GetAddressBytes())
            : WithBytes(EnrKeys.Ip6, ip.GetAddressBytes());
    }

    public EnrBuilder WithTcp(int port) => WithPort(EnrKeys.Tcp, port);

    public EnrBuilder WithUdp(int port) => WithPort(EnrKeys.Udp, port);

    public EnrBuilder WithTcp6(int port) => WithPort(EnrKeys.Tcp6, port);

    public EnrBuilder WithUdp6(int port) => WithPort(EnrKeys.Udp6, port);

    /// <summary>
    /// Sets the address and ports of an enode URL: ip/tcp/udp for IPv4, ip6/tcp6/udp6 for IPv6.
    /// An incomplete URL (no address) sets nothing. The URL's node id is not used: the record
    /// gets the key it is signed with.
    /// </summary>
    public EnrBuilder WithEndpoint(EnodeUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Ip is not { } ip) return this;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        WithIp(ip);
        return ip.AddressFamily == AddressFamily.InterNetwork
            ? WithTcp(url.TcpPort).WithUdp(url.UdpPort)
            : WithTcp6(url.TcpPort).WithUdp6(url.UdpPort);
    }

    /// <summary>Sets <paramref name="key"/> to a byte string value.</summary>
    public EnrBuilder WithBytes(string key, ReadOnlySpan<byte> value) => WithRawValue(key, RlpCodec.EncodeBytes(value));

    /// <summary>Sets <paramref name="key"/> to an unsigned integer value.</summary>
    public EnrBuilder WithUInt64(string key, ulong value) => WithRawValue(key, RlpCodec.EncodeUInt64(value));

    /// <summary>
    /// Sets <paramref name="key"/> to an already RLP-encoded value (a byte string or a list),
    /// which must be exactly one canonical item. Well-known keys are checked when signing.
    /// </summary>
    /// <exception cref="RlpException">The value is not one canonical RLP item.</exception>
    public EnrBuilder WithRawValue(string key, ReadOnlySpan<byte> encodedValue)
    {
        ArgumentNullException.ThrowIfNull(key);
        RlpCodec.Validate(encodedValue);
        _pairs[Encoding.UTF8.GetBytes(key)] = encodedValue.ToArray();
        return this;
    }

    /// <summary>Removes <paramref name="key"/> if present.</summary>
    public EnrBuilder Without(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _pairs.Remove(Encoding.UTF8.GetBytes(key));
        return this;
    }

    /// <summary>
    /// Signs the record with <paramref name="privateKey"/> under "v4" (setting "id" and
    /// "secp256k1") using <paramref name="secp"/> or the default backend. Signing is
    /// deterministic (RFC 6979), so equal content and key give identical records.
    /// </summary>
    /// <exception cref="CryptoException">The private key is invalid.</exception>
    /// <exception cref="EnrFormatException">The record would exceed 300 bytes, or a well-known key has a malformed value.</exception>
    public Enr Sign(ReadOnlySpan<byte> privateKey, ISecp256k1? secp = null)
    {
        secp ??= Crypto.Secp256k1.Default;
        var publicKey = secp.CreatePublicKey(privateKey, PublicKeyFormat.Compressed);
        WithUtf8(EnrKeys.Id, EnrKeys.SchemeV4);
        WithBytes(EnrKeys.Secp256k1, publicKey);

        var content = EncodeContent();
        var signature = EnrIdentityV4.Sign(secp, privateKey, EnrIdentityV4.ContentHash(content));

        int sigLength = RlpCodec.LengthOfBytes(signature);
        var encoded = new byte[RlpCodec.LengthOfList(sigLength + content.Length)];
        if (encoded.Length > Enr.MaxSize)
            throw new EnrFormatException(EnrError.TooBig, $"record would be {encoded.Length} bytes; the limit is {Enr.MaxSize}");
        var writer = new RlpWriter(encoded);
        writer.WriteListHeader(sigLength + content.Length);
        writer.WriteBytes(signature);
        writer.WriteEncoded(content);

        var record = EnrDecoder.Decode(encoded);
        record.MarkSignatureValid();
        return record;
    }

    private void WithUtf8(string key, string value) => WithRawValue(key, RlpCodec.EncodeUtf8(value));

    private EnrBuilder WithPort(string key, int port)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        return WithUInt64(key, (ulong)port);
    }

    // The items seq, k1, v1, k2, v2, ... without a list header.
    private byte[] EncodeContent()
    {
        int length = RlpCodec.LengthOfUInt64(Seq);
        foreach (var (key, value) in _pairs)
            length += RlpCodec.LengthOfBytes(key) + value.Length;
        var content = new byte[length];
        var writer = new RlpWriter(content);
        writer.WriteUInt64(Seq);
        foreach (var (key, value) in _pairs)
        {
            writer.WriteBytes(key);
            writer.WriteEncoded(value);
        }
        return content;
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
