using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Cli.Commands.Bench;

/// <summary>
/// The throughput floor: Keccak-256 (the frame MAC absorbs every byte) plus AES-256-CTR (the frame
/// cipher) over a message's bytes, once, on one core — the work one frame cannot avoid. Returns
/// messages per second; multiply by the size for bytes per second. Uses the same <see cref="AesCtr"/>
/// as the frames (AES-NI where the CPU has it), so the floor is the fastest cipher we have. Every
/// carried message costs two such passes (sealed by its writer, opened by its reader, on two threads),
/// so on two cores the throughput ratio's ceiling is 1.0 (docs/performance.md, hot spots).
/// </summary>
internal static class CipherFloor
{
    public static double MessagesPerSecond(int size, int messages) =>
        FloorTimer.OperationsPerSecond(messages, threads: 1, () =>
        {
            var data = new byte[size];
            Random.Shared.NextBytes(data);
            var hasher = new Keccak256Hasher();
            var digest = new byte[32];
            var aes = new AesCtr(Keccak256.Hash(data));
            return () =>
            {
                hasher.Update(data);
                hasher.GetCurrentDigest(digest);
                aes.Transform(data);
            };
        });
}
