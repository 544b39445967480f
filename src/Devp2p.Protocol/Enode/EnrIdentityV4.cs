using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Enode;

/// <summary>
/// EIP-778's "v4" identity scheme: the signature is the 64-byte r ‖ s of a secp256k1 ECDSA
/// signature over keccak256(rlp([seq, k, v, ...])) by the key in "secp256k1", and the node id
/// is keccak256 of that key's uncompressed 64-byte form. Verification requires low s, as
/// libsecp256k1 and go-ethereum's <c>crypto.VerifySignature</c> do.
/// </summary>
internal static class EnrIdentityV4
{
    public const int SignatureLength = 64;

    private static ReadOnlySpan<byte> SchemeName => "v4"u8;

    /// <summary>keccak256 of rlp([seq, k, v, ...]), given the list's content (the items, no header).</summary>
    public static byte[] ContentHash(ReadOnlySpan<byte> listContent) => Keccak256.Hash(RlpCodec.WrapList(listContent));

    /// <summary>Signs a content hash and returns the 64-byte r ‖ s (the recovery id is dropped).</summary>
    public static byte[] Sign(ISecp256k1 secp, ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> contentHash) =>
        secp.Sign(privateKey, contentHash)[..SignatureLength];

    /// <summary>Null when the record is validly signed under "v4"; else the rule it breaks and why.</summary>
    public static (EnrError Error, string Message)? Check(Enr record, ISecp256k1 secp)
    {
        var scheme = record.IdentitySchemeBytes;
        if (scheme is null)
            return (EnrError.UnknownIdentityScheme, "record has no \"id\" entry naming its identity scheme");
        if (!scheme.Value.Span.SequenceEqual(SchemeName))
            return (EnrError.UnknownIdentityScheme, $"identity scheme \"{record.IdentityScheme}\" is not supported (only \"v4\")");
        if (record.Secp256k1 is not { } publicKey)
            return (EnrError.MissingPublicKey, "\"v4\" record has no \"secp256k1\" public key");
        var signature = record.Signature.Span;
        if (signature.Length != SignatureLength)
            return (EnrError.InvalidSignature, $"\"v4\" signature must be {SignatureLength} bytes, got {signature.Length}");
        var hash = ContentHash(record.SignedContent);
        if (!secp.Verify(signature, hash, publicKey.Span))
            return (EnrError.InvalidSignature, "signature does not verify against the record's content and its secp256k1 key");
        return null;
    }
}
