using Devp2p.Protocol.Crypto;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// A dialer's node key and its public key, derived once, as a real node holds them: its identity
/// exists before it dials, so deriving it is not handshake work. <see cref="Pool"/> hands out
/// prepared identities in turn for the handshake bench (thousands of dials, each a distinct node
/// while in flight).
/// </summary>
internal sealed record BenchIdentity(byte[] PrivateKey, byte[] PublicKey)
{
    public static BenchIdentity Create()
    {
        var key = Secp256k1.GeneratePrivateKey();
        return new BenchIdentity(key, Secp256k1.Default.CreatePublicKey(key));
    }

    /// <summary>Identities prepared up front and reused in turn; far more than the dials ever in flight at once.</summary>
    public sealed class Pool(int size)
    {
        private readonly BenchIdentity[] _identities = Enumerable.Range(0, size).Select(_ => Create()).ToArray();
        private int _next = -1;

        public BenchIdentity Next() => _identities[(int)((uint)Interlocked.Increment(ref _next) % (uint)_identities.Length)];
    }
}
