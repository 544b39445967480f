using Devp2p.Protocol.Crypto;

namespace Devp2p.Fuzzing;

/// <summary>
/// A few fixed key pairs for targets that need valid keys, signatures or a handshake peer.
/// Derived from constants, so every run (and every replay) sees the same keys.
/// </summary>
public static class TestKeys
{
    public const int Count = 8;

    private static readonly Lazy<(byte[] Private, byte[] Public)[]> Pairs = new(() =>
        Enumerable.Range(1, Count).Select(i =>
        {
            var privateKey = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes($"devp2p fuzz key {i}"));
            return (privateKey, Secp256k1.Default.CreatePublicKey(privateKey));
        }).ToArray());

    public static byte[] Private(int index) => Pairs.Value[index % Count].Private;

    /// <summary>The 64-byte public key (x ‖ y) of key <paramref name="index"/>.</summary>
    public static byte[] Public(int index) => Pairs.Value[index % Count].Public;
}
