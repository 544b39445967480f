using System.Buffers.Binary;
using Devp2p.Protocol.Crypto;

namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// Seals auth/ack plaintexts into wire packets. EIP-8: <c>size(2, big-endian) ‖ ECIES(plaintext ‖ padding)</c>
/// with the size prefix as the ECIES shared MAC data; legacy: the bare ECIES envelope.
/// </summary>
internal static class HandshakePacket
{
    public static byte[] SealEip8(ISecp256k1 secp, ReadOnlySpan<byte> remotePublicKey, ReadOnlySpan<byte> body, IHandshakeRandom random)
    {
        int padding = random.NextPaddingLength();
        if (padding < 0)
            throw new InvalidOperationException("padding length must not be negative");
        int size = body.Length + padding + Ecies.Overhead;
        if (size > HandshakeConstants.MaxPacketSize)
            throw new InvalidOperationException($"handshake packet of {size} bytes would exceed the {HandshakeConstants.MaxPacketSize}-byte limit");

        var plaintext = new byte[body.Length + padding];
        body.CopyTo(plaintext);
        random.FillBytes(plaintext.AsSpan(body.Length));

        var packet = new byte[2 + size];
        BinaryPrimitives.WriteUInt16BigEndian(packet, (ushort)size);
        Ecies.Encrypt(secp, remotePublicKey, plaintext, packet.AsSpan(0, 2), random, packet.AsSpan(2));
        return packet;
    }

    public static byte[] SealLegacy(ISecp256k1 secp, ReadOnlySpan<byte> remotePublicKey, ReadOnlySpan<byte> plaintext, IHandshakeRandom random) =>
        Ecies.Encrypt(secp, remotePublicKey, plaintext, default, random);
}

/// <summary>
/// Collects one incoming auth or ack packet from a byte stream and decrypts it, telling the
/// caller exactly how many more bytes it needs (so nothing past the packet is ever consumed).
/// A packet starting 0x04 may be legacy: the reader first takes the legacy length and tries
/// it without a prefix; if that fails it is an EIP-8 packet whose prefix happens to be
/// 0x04xx (1024–1279 bytes) and reading continues. Any other first byte means EIP-8.
/// </summary>
internal sealed class HandshakePacketReader
{
    private enum State { Prefix, LegacyCandidate, Eip8, Done }

    private readonly ISecp256k1 _secp;
    private readonly byte[] _privateKey;
    private readonly int _legacyLength;
    // Sized as the packet's length becomes known (prefix, then legacy or EIP-8 size), so a packet is
    // one exactly-sized array that becomes Packet without a copy, not a 2 KiB scratch buffer plus a copy.
    private byte[] _buffer = new byte[2];
    private int _have;
    private int _need = 2;
    private State _state = State.Prefix;

    public HandshakePacketReader(ISecp256k1 secp, byte[] privateKey, int legacyLength)
    {
        _secp = secp;
        _privateKey = privateKey;
        _legacyLength = legacyLength;
    }

    public int BytesWanted => _need - _have;

    public bool IsComplete => _state == State.Done;

    public bool IsLegacy { get; private set; }

    /// <summary>The whole packet as received (with its prefix, if EIP-8): the MAC seed input.</summary>
    public byte[] Packet { get; private set; } = [];

    public byte[] Plaintext { get; private set; } = [];

    public void Receive(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_state == State.Done)
                throw new InvalidOperationException("handshake packet already complete");
            int n = Math.Min(data.Length, _need - _have);
            data[..n].CopyTo(_buffer.AsSpan(_have));
            _have += n;
            data = data[n..];
            if (_have == _need)
                Advance();
        }
    }

    private void Advance()
    {
        switch (_state)
        {
            case State.Prefix when _buffer[0] == 0x04:
                _state = State.LegacyCandidate;
                _need = _legacyLength;
                Reserve(_need);
                break;
            case State.Prefix:
                ExpectEip8();
                break;
            case State.LegacyCandidate:
                try
                {
                    Plaintext = Ecies.Decrypt(_secp, _privateKey, _buffer.AsSpan(0, _have), default);
                    IsLegacy = true;
                    Finish();
                    return;
                }
                catch (RlpxException)
                {
                    ExpectEip8();
                }
                break;
            case State.Eip8:
                Plaintext = Ecies.Decrypt(_secp, _privateKey, _buffer.AsSpan(2, _have - 2), _buffer.AsSpan(0, 2));
                Finish();
                break;
        }
    }

    private void ExpectEip8()
    {
        int size = BinaryPrimitives.ReadUInt16BigEndian(_buffer);
        if (size > HandshakeConstants.MaxPacketSize)
            throw new RlpxException(HandshakeFailure.TooLarge, $"handshake packet size prefix {size} exceeds {HandshakeConstants.MaxPacketSize} bytes");
        if (2 + size < _have)
            throw new RlpxException(HandshakeFailure.DecryptFailed, $"handshake packet is neither legacy nor a valid EIP-8 packet (prefix {size})");
        _state = State.Eip8;
        _need = 2 + size;
        Reserve(_need);
        if (_need == _have)
            Advance();
    }

    private void Reserve(int length)
    {
        if (_buffer.Length >= length)
            return;
        var bigger = new byte[length];
        _buffer.AsSpan(0, _have).CopyTo(bigger);
        _buffer = bigger;
    }

    private void Finish()
    {
        Packet = _buffer.Length == _have ? _buffer : _buffer.AsSpan(0, _have).ToArray();
        _buffer = [];
        _state = State.Done;
    }
}
