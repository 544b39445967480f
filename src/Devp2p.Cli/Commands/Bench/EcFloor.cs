using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The secp256k1 work the protocols cannot avoid, on the backend the node uses, timed on as many
/// threads as the machine has cores (the engine spreads handshakes and packets over them too).
/// <list type="bullet">
/// <item>One RLPx handshake, both sides (as tests/Devp2p.Benchmarks' RlpxHandshakeBenchmarks):
/// 8 ECDH, 3 public-key derivations (the recipient's ephemeral key and one ECIES key per side; a
/// dialer's own public key is its node's, derived once, not per handshake), 1 sign, 1 recover.</item>
/// <item>One discv4 Ping → Pong round trip: each packet is signed once and its signer recovered once.</item>
/// </list>
/// </summary>
internal static class EcFloor
{
    public static double HandshakesPerSecond(ISecp256k1 secp, int operations, int threads) =>
        FloorTimer.OperationsPerSecond(operations, threads, () =>
        {
            var (key, pub, hash, sig) = Material(secp);
            var out32 = new byte[32];
            var out64 = new byte[64];
            var sigOut = new byte[65];
            return () =>
            {
                for (int i = 0; i < 8; i++)
                    secp.Ecdh(key, pub, out32);
                for (int i = 0; i < 3; i++)
                    secp.CreatePublicKey(key, out64);
                secp.Sign(key, hash, sigOut);
                secp.RecoverPublicKey(sig, hash, out64);
            };
        });

    /// <summary>Ping and Pong: 2 signs and 2 recovers per round trip.</summary>
    public static double PingRoundTripsPerSecond(ISecp256k1 secp, int operations, int threads) =>
        FloorTimer.OperationsPerSecond(operations, threads, () =>
        {
            var (key, _, hash, sig) = Material(secp);
            var out64 = new byte[64];
            var sigOut = new byte[65];
            return () =>
            {
                for (int i = 0; i < 2; i++)
                {
                    secp.Sign(key, hash, sigOut);
                    secp.RecoverPublicKey(sig, hash, out64);
                }
            };
        });

    private static (byte[] Key, byte[] Pub, byte[] Hash, byte[] Sig) Material(ISecp256k1 secp)
    {
        var key = Secp256k1.GeneratePrivateKey();
        var other = Secp256k1.GeneratePrivateKey();
        var pub = new byte[64];
        secp.CreatePublicKey(other, pub);
        var hash = Keccak256.Hash(key);
        var sig = new byte[65];
        secp.Sign(key, hash, sig);
        return (key, pub, hash, sig);
    }
}
