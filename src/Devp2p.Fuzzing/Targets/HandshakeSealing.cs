using System.Buffers.Binary;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// Seals any plaintext as an auth or ack packet (EIP-8: size prefix ‖ ECIES with the prefix as
/// MAC data; legacy: bare ECIES), so mutated plaintexts get past decryption into the decoders.
/// </summary>
internal static class HandshakeSealing
{
    public static byte[] SealEip8(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, IHandshakeRandom random)
    {
        int size = plaintext.Length + Ecies.Overhead;
        var packet = new byte[2 + size];
        BinaryPrimitives.WriteUInt16BigEndian(packet, (ushort)size);
        Ecies.Encrypt(Secp256k1.Default, recipientPublicKey, plaintext, packet.AsSpan(0, 2), random, packet.AsSpan(2));
        return packet;
    }

    public static byte[] SealLegacy(ReadOnlySpan<byte> recipientPublicKey, ReadOnlySpan<byte> plaintext, IHandshakeRandom random) =>
        Ecies.Encrypt(Secp256k1.Default, recipientPublicKey, plaintext, default, random);

    /// <summary>Feeds <paramref name="input"/> as a socket would: exactly as many bytes as wanted, until done or out of input.</summary>
    public static bool Feed(byte[] input, Func<int> bytesWanted, Func<bool> isComplete, ReceiveAction receive)
    {
        int offset = 0;
        while (!isComplete())
        {
            int n = Math.Min(bytesWanted(), input.Length - offset);
            if (n <= 0)
                return false;
            receive(input.AsSpan(offset, n));
            offset += n;
        }
        return true;
    }

    public delegate void ReceiveAction(ReadOnlySpan<byte> data);
}
