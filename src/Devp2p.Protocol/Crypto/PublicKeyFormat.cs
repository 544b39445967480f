namespace Devp2p.Protocol.Crypto;

/// <summary>
/// The three encodings of a secp256k1 public key. Each value is the encoding's length, so a
/// span-based call chooses the output encoding by the length of the span it is given.
/// </summary>
public enum PublicKeyFormat
{
    /// <summary>0x02/0x03 ‖ x: ENR's "secp256k1" entry.</summary>
    Compressed = 33,

    /// <summary>x ‖ y with no prefix: devp2p's node id in enode URLs, discv4 and RLPx.</summary>
    Raw64 = 64,

    /// <summary>0x04 ‖ x ‖ y: SEC 1 uncompressed, as on the wire inside ECIES.</summary>
    Uncompressed = 65,
}
