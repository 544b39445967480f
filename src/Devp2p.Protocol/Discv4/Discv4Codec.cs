using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Discv4;

/// <summary>
/// Frames discv4 packets: <c>hash(32) ‖ signature(65) ‖ type(1) ‖ rlp(data)</c> where
/// <c>signature = sign(keccak256(type ‖ data))</c> and <c>hash = keccak256(signature ‖ type ‖ data)</c>
/// (go-ethereum's v4wire <c>Encode</c>/<c>Decode</c>).
/// </summary>
/// <remarks>
/// Decoding checks, in order: size (98 … 2048 bytes), hash, type, RLP, then recovers the signer.
/// The RLP is parsed before the (expensive) recovery so garbage costs a hash, not an EC
/// operation; the outcome for any packet is the same as go-ethereum's order except for which
/// error a packet with several faults reports. Every failure is a <see cref="Discv4PacketException"/>.
/// </remarks>
public static class Discv4Codec
{
    /// <summary>The size of <paramref name="packet"/> once framed: 98 bytes of head and type plus its RLP.</summary>
    public static int GetEncodedLength(Discv4Packet packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return Discv4Constants.MinPacketSize + packet.EncodedLength;
    }

    /// <summary>Encodes and signs <paramref name="packet"/> with <paramref name="privateKey"/>; the hash is the first 32 bytes.</summary>
    /// <exception cref="Discv4PacketException"><see cref="Discv4PacketError.TooLarge"/>: over 1280 bytes.</exception>
    public static byte[] Encode(Discv4Packet packet, ReadOnlySpan<byte> privateKey, ISecp256k1? secp = null)
    {
        var output = new byte[CheckedLength(packet)];
        Encode(packet, privateKey, output, secp);
        return output;
    }

    /// <summary>Encodes and signs into <paramref name="destination"/>; returns the bytes written.</summary>
    /// <exception cref="Discv4PacketException"><see cref="Discv4PacketError.TooLarge"/>: over 1280 bytes.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public static int Encode(Discv4Packet packet, ReadOnlySpan<byte> privateKey, Span<byte> destination, ISecp256k1? secp = null)
    {
        int length = CheckedLength(packet);
        if (destination.Length < length)
            throw new ArgumentException($"destination holds {destination.Length} bytes, the packet needs {length}", nameof(destination));
        secp ??= Secp256k1.Default;
        var output = destination[..length];
        output[Discv4Constants.HeadSize] = (byte)packet.Type;
        var writer = new RlpWriter(output[Discv4Constants.MinPacketSize..]);
        packet.Write(ref writer);

        Span<byte> sigHash = stackalloc byte[Keccak256.HashSize];
        Keccak256.Hash(output[Discv4Constants.HeadSize..], sigHash);
        secp.Sign(privateKey, sigHash, output.Slice(Discv4Constants.HashSize, Discv4Constants.SignatureSize));
        Keccak256.Hash(output[Discv4Constants.HashSize..], output[..Discv4Constants.HashSize]);
        return length;
    }

    /// <summary>
    /// Decodes a received datagram: checks its size and hash, parses the data for its type
    /// (ignoring extra list elements and bytes after the list, EIP-8), and recovers the signer.
    /// Expiration is not checked here: call <see cref="Discv4Packet.CheckExpiration"/> with the time.
    /// </summary>
    /// <exception cref="Discv4PacketException">For every kind of bad input, and only that type.</exception>
    public static Discv4DecodedPacket Decode(ReadOnlySpan<byte> datagram, ISecp256k1? secp = null)
    {
        if (datagram.Length < Discv4Constants.MinPacketSize)
            throw new Discv4PacketException(Discv4PacketError.TooSmall, $"packet of {datagram.Length} bytes is shorter than the {Discv4Constants.MinPacketSize}-byte header");
        if (datagram.Length > Discv4Constants.MaxReceivedPacketSize)
            throw new Discv4PacketException(Discv4PacketError.TooLarge, $"packet of {datagram.Length} bytes exceeds {Discv4Constants.MaxReceivedPacketSize}");

        var hash = new byte[Discv4Constants.HashSize];
        Keccak256.Hash(datagram[Discv4Constants.HashSize..], hash);
        if (!datagram[..Discv4Constants.HashSize].SequenceEqual(hash))
            throw new Discv4PacketException(Discv4PacketError.BadHash, "hash does not match keccak256(signature || type || data)");

        var type = (Discv4PacketType)datagram[Discv4Constants.HeadSize];
        var packet = ReadData(type, datagram[Discv4Constants.MinPacketSize..]);
        var sender = Recover(datagram, secp ?? Secp256k1.Default);
        return new Discv4DecodedPacket(packet, sender, hash);
    }

    /// <summary>Parses the RLP data of a packet of the given type (no framing): for tests and tools.</summary>
    /// <exception cref="Discv4PacketException"><see cref="Discv4PacketError.UnknownType"/> or <see cref="Discv4PacketError.BadRlp"/>.</exception>
    public static Discv4Packet ReadData(Discv4PacketType type, ReadOnlySpan<byte> data)
    {
        if (type is < Discv4PacketType.Ping or > Discv4PacketType.EnrResponse)
            throw new Discv4PacketException(Discv4PacketError.UnknownType, $"unknown packet type {(byte)type}");
        try
        {
            // Only the first item counts: bytes after the list are ignored (EIP-8), as by go-ethereum's rlp.Stream.
            var outer = new RlpReader(data);
            var list = outer.EnterList();
            return type switch
            {
                Discv4PacketType.Ping => PingPacket.Read(ref list),
                Discv4PacketType.Pong => PongPacket.Read(ref list),
                Discv4PacketType.FindNode => FindNodePacket.Read(ref list),
                Discv4PacketType.Neighbors => NeighborsPacket.Read(ref list),
                Discv4PacketType.EnrRequest => EnrRequestPacket.Read(ref list),
                _ => EnrResponsePacket.Read(ref list),
            };
        }
        catch (RlpException e)
        {
            throw Discv4Rlp.BadRlp($"bad {type} data: {e.Message}", e);
        }
    }

    private static NodeId Recover(ReadOnlySpan<byte> datagram, ISecp256k1 secp)
    {
        Span<byte> sigHash = stackalloc byte[Keccak256.HashSize];
        Span<byte> publicKey = stackalloc byte[NodeId.Length];
        Keccak256.Hash(datagram[Discv4Constants.HeadSize..], sigHash);
        try
        {
            secp.RecoverPublicKey(datagram.Slice(Discv4Constants.HashSize, Discv4Constants.SignatureSize), sigHash, publicKey);
        }
        catch (CryptoException e)
        {
            throw new Discv4PacketException(Discv4PacketError.BadSignature, $"signature does not recover: {e.Message}", e);
        }
        return NodeId.FromBytes(publicKey);
    }

    private static int CheckedLength(Discv4Packet packet)
    {
        int length = GetEncodedLength(packet);
        if (length > Discv4Constants.MaxPacketSize)
            throw new Discv4PacketException(Discv4PacketError.TooLarge, $"{packet.Type} packet of {length} bytes exceeds {Discv4Constants.MaxPacketSize}");
        return length;
    }
}
