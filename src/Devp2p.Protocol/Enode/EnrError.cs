namespace Devp2p.Protocol.Enode;

/// <summary>
/// What was wrong with a node record, so callers (and tests) can tell a malformed record from
/// one that is well formed but not validly signed without matching on message text.
/// </summary>
public enum EnrError
{
    /// <summary>The text form is not "enr:" followed by unpadded base64url.</summary>
    InvalidText,

    /// <summary>The encoded record is larger than <see cref="Enr.MaxSize"/> (300) bytes.</summary>
    TooBig,

    /// <summary>The bytes are not one canonical RLP list of byte strings and items as EIP-778 lays out.</summary>
    InvalidRlp,

    /// <summary>The sequence number is not a canonical unsigned 64-bit integer.</summary>
    InvalidSeq,

    /// <summary>The key/value part has an odd number of elements: a key without a value.</summary>
    IncompletePair,

    /// <summary>A key is smaller than the key before it.</summary>
    KeysNotSorted,

    /// <summary>A key appears twice.</summary>
    DuplicateKey,

    /// <summary>The value of a well-known key (id, secp256k1, ip, ip6, tcp, udp, tcp6, udp6) has the wrong shape.</summary>
    InvalidValue,

    /// <summary>The record has no "id" entry, or names an identity scheme other than "v4".</summary>
    UnknownIdentityScheme,

    /// <summary>A "v4" record has no "secp256k1" entry to verify against.</summary>
    MissingPublicKey,

    /// <summary>The signature is not 64 bytes or does not verify against the content and key.</summary>
    InvalidSignature,
}
