using System.Net;
using System.Text;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// An Ethereum Node Record (EIP-778): a signed, versioned set of key/value pairs saying who a
/// node is and where to reach it. Immutable. The record keeps the exact bytes it was decoded
/// from (or signed into), so it re-encodes byte for byte, unknown keys included; equality is
/// equality of those bytes.
/// </summary>
/// <remarks>
/// Two ways in. <see cref="Decode"/>/<see cref="Parse"/> are strict: the record must be well
/// formed, use the "v4" identity scheme and carry a valid signature — what network code wants.
/// <see cref="DecodeUnverified"/>/<see cref="ParseUnverified"/> check only the structure, so
/// tools can show a record and report <see cref="IsSignatureValid"/>. Malformed values of the
/// well-known keys are rejected by both paths, so the typed accessors never throw.
/// Create records with <see cref="EnrBuilder"/>.
/// </remarks>
public sealed class Enr : IEquatable<Enr>
{
    /// <summary>Largest encoded record EIP-778 allows, in bytes.</summary>
    public const int MaxSize = 300;

    /// <summary>Prefix of the text form.</summary>
    public const string TextPrefix = EnrText.Prefix;

    private readonly byte[] _encoded;
    private readonly int _contentStart;
    private readonly EnrEntry[] _entries;
    private readonly EnrKnownValues _known;
    private SignatureCheck? _signatureCheck;
    private byte[]? _nodeIdHash;

    internal Enr(byte[] encoded, ulong seq, ReadOnlyMemory<byte> signature, int contentStart, EnrEntry[] entries, EnrKnownValues known)
    {
        _encoded = encoded;
        Seq = seq;
        Signature = signature;
        _contentStart = contentStart;
        _entries = entries;
        _known = known;
    }

    /// <summary>Decodes and verifies a record from its RLP encoding: see <see cref="Parse"/>.</summary>
    /// <exception cref="EnrFormatException">Malformed, not "v4", or not validly signed.</exception>
    public static Enr Decode(ReadOnlySpan<byte> rlp)
    {
        var record = DecodeUnverified(rlp);
        record.VerifySignature();
        return record;
    }

    /// <summary>Decodes a record, checking its structure but not its signature (see <see cref="IsSignatureValid"/>).</summary>
    /// <exception cref="EnrFormatException">The record is malformed.</exception>
    public static Enr DecodeUnverified(ReadOnlySpan<byte> rlp)
    {
        if (rlp.Length > MaxSize)
            throw new EnrFormatException(EnrError.TooBig, $"record is {rlp.Length} bytes; the limit is {MaxSize}");
        return EnrDecoder.Decode(rlp.ToArray());
    }

    /// <summary>
    /// Parses the text form <c>enr:&lt;base64url&gt;</c> and verifies the record: well formed,
    /// "v4" identity scheme, valid signature.
    /// </summary>
    /// <exception cref="EnrFormatException">Bad text, malformed record, not "v4", or not validly signed.</exception>
    public static Enr Parse(string text)
    {
        var record = ParseUnverified(text);
        record.VerifySignature();
        return record;
    }

    /// <summary>Parses the text form, checking structure but not the signature.</summary>
    /// <exception cref="EnrFormatException">Bad text or a malformed record.</exception>
    public static Enr ParseUnverified(string text) => EnrDecoder.Decode(EnrText.Decode(text));

    /// <summary>Strict <see cref="Parse"/> that returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out Enr? record)
    {
        record = null;
        if (text is null) return false;
        try
        {
            record = Parse(text);
            return true;
        }
        catch (EnrFormatException)
        {
            return false;
        }
    }

    /// <summary>Sequence number; a node bumps it whenever it changes its record.</summary>
    public ulong Seq { get; }

    /// <summary>The signature exactly as in the record (64 bytes r ‖ s for "v4").</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>All key/value pairs, in the record's (ascending key) order.</summary>
    public IReadOnlyList<EnrEntry> Entries => _entries;

    /// <summary>The record's RLP encoding, exactly as decoded or signed.</summary>
    public ReadOnlyMemory<byte> Encoded => _encoded;

    /// <summary>Size of the encoding in bytes (at most <see cref="MaxSize"/>).</summary>
    public int Size => _encoded.Length;

    /// <summary>The content the signature covers: the items seq, k, v, ... (wrap as a list and hash).</summary>
    internal ReadOnlySpan<byte> SignedContent => _encoded.AsSpan(_contentStart);

    /// <summary>The "id" value (identity scheme) as text, or null when absent.</summary>
    public string? IdentityScheme => _known.IdentityScheme is { } id ? Encoding.UTF8.GetString(id.Span) : null;

    internal ReadOnlyMemory<byte>? IdentitySchemeBytes => _known.IdentityScheme;

    /// <summary>The "secp256k1" value: a 33-byte compressed public key (checked to be on the curve), or null.</summary>
    public ReadOnlyMemory<byte>? Secp256k1 => _known.Secp256k1;

    /// <summary>The "secp256k1" key in devp2p's 64-byte form (the enode URL / RLPx node id), or null.</summary>
    public NodeId? PublicKey => _known.PublicKey;

    /// <summary>
    /// EIP-778's node id under "v4": keccak256 of the uncompressed 64-byte public key (32 bytes),
    /// or null when the record has no key. Equal to <c>PublicKey.Hash</c>.
    /// </summary>
    public ReadOnlyMemory<byte>? NodeIdHash
    {
        get
        {
            // Not a conditional expression: `cond ? memory : null` turns null into an empty memory.
            if (_known.PublicKey is not { } key) return null;
            return _nodeIdHash ??= key.Hash.ToArray();
        }
    }

    /// <summary>The "ip" value (IPv4), or null.</summary>
    public IPAddress? Ip => Copy(_known.Ip);

    /// <summary>The "ip6" value (IPv6), or null.</summary>
    public IPAddress? Ip6 => Copy(_known.Ip6);

    /// <summary>The "tcp" port, or null.</summary>
    public int? Tcp => _known.Tcp;

    /// <summary>The "udp" port, or null.</summary>
    public int? Udp => _known.Udp;

    /// <summary>The "tcp6" port, or null (then <see cref="Tcp"/> applies to IPv6 too).</summary>
    public int? Tcp6 => _known.Tcp6;

    /// <summary>The "udp6" port, or null (then <see cref="Udp"/> applies to IPv6 too).</summary>
    public int? Udp6 => _known.Udp6;

    /// <summary>The entry for <paramref name="key"/>, or null.</summary>
    public EnrEntry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        foreach (var entry in _entries)
        {
            if (entry.Key == key) return entry;
        }
        return null;
    }

    /// <summary>The raw RLP value of <paramref name="key"/>, if present.</summary>
    public bool TryGetRawValue(string key, out ReadOnlyMemory<byte> rawValue)
    {
        var entry = Find(key);
        rawValue = entry?.RawValue ?? default;
        return entry is not null;
    }

    /// <summary>
    /// True when the record uses the "v4" scheme, has a "secp256k1" key and a 64-byte low-s
    /// signature over its content that verifies against that key. Computed once.
    /// </summary>
    public bool IsSignatureValid => SignatureProblem() is null;

    /// <summary>Throws unless <see cref="IsSignatureValid"/>, with the reason.</summary>
    /// <exception cref="EnrFormatException">Unknown scheme, missing key, or bad signature.</exception>
    public void VerifySignature()
    {
        if (SignatureProblem() is { } problem)
            throw new EnrFormatException(problem.Error, problem.Message);
    }

    /// <summary>
    /// The enode URL of this node: its public key and one address, chosen as go-ethereum does:
    /// IPv4 when only it is present, IPv6 when only it is; with both, IPv4 unless IPv6 is "more
    /// global" (unspecified &lt; loopback &lt; private/link-local &lt; public). For IPv6 the
    /// tcp6/udp6 ports apply, falling back to tcp/udp. An absent port is 0; with no address at
    /// all the URL is incomplete (id only).
    /// </summary>
    /// <exception cref="InvalidOperationException">The record has no "secp256k1" key.</exception>
    public EnodeUrl ToEnodeUrl()
    {
        var id = PublicKey ?? throw new InvalidOperationException("the record has no \"secp256k1\" key, so it has no enode URL");
        bool useIp6 = Ip6 is not null && (Ip is null || LocalityScore(Ip6) > LocalityScore(Ip));
        if (useIp6)
        {
            if (Ip6!.IsIPv4MappedToIPv6)
                return new EnodeUrl(id, Ip6.MapToIPv4(), Tcp ?? 0, Udp ?? 0);
            return new EnodeUrl(id, Ip6, Tcp6 ?? Tcp ?? 0, Udp6 ?? Udp ?? 0);
        }
        if (Ip is not null)
            return new EnodeUrl(id, Ip, Tcp ?? 0, Udp ?? 0);
        return new EnodeUrl(id, null, 0, 0);
    }

    /// <summary>A copy of the RLP encoding.</summary>
    public byte[] ToRlp() => (byte[])_encoded.Clone();

    /// <summary>The text form: "enr:" + unpadded base64url of the encoding.</summary>
    public string ToText() => EnrText.Encode(_encoded);

    public override string ToString() => ToText();

    public bool Equals(Enr? other) => other is not null && _encoded.AsSpan().SequenceEqual(other._encoded);

    public override bool Equals(object? obj) => obj is Enr other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_encoded);
        return hash.ToHashCode();
    }

    public static bool operator ==(Enr? left, Enr? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(Enr? left, Enr? right) => !(left == right);

    /// <summary>Marks a record this process just signed, sparing a verification.</summary>
    internal void MarkSignatureValid() => _signatureCheck = new SignatureCheck(null);

    // One immutable object per record, published by a single reference write: safe to race.
    private (EnrError Error, string Message)? SignatureProblem() =>
        (_signatureCheck ??= new SignatureCheck(EnrIdentityV4.Check(this, Crypto.Secp256k1.Default))).Problem;

    private sealed record SignatureCheck((EnrError Error, string Message)? Problem);

    // IPAddress is mutable (ScopeId); hand out copies so the record stays immutable.
    private static IPAddress? Copy(IPAddress? ip) => ip is null ? null : new IPAddress(ip.GetAddressBytes());

    private static int LocalityScore(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return 0;
        if (IPAddress.IsLoopback(ip)) return 1;
        if (IsLan(ip)) return 2;
        return 3;
    }

    private static bool IsLan(IPAddress ip)
    {
        if (ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6UniqueLocal) return true;
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork) return false;
        Span<byte> b = stackalloc byte[4];
        ip.TryWriteBytes(b, out _);
        return b[0] == 10
            || (b[0] == 172 && (b[1] & 0xf0) == 16)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254);
    }
}
