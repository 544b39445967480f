namespace Devp2p.Protocol.Discv4;

/// <summary>
/// The one exception type discv4 packet decoding throws, for any input: a datagram that is
/// too small or too large, has a wrong hash or signature, an unknown type, or data that is
/// not the RLP its type requires. Like <see cref="Rlp.RlpException"/> it is a
/// <see cref="FormatException"/>: the bytes are at fault, so the socket owner drops the
/// datagram and carries on. Encoding throws it (with <see cref="Discv4PacketError.TooLarge"/>)
/// for a packet over 1280 bytes.
/// </summary>
public sealed class Discv4PacketException : FormatException
{
    public Discv4PacketException(Discv4PacketError error, string message, Exception? inner = null)
        : base($"discv4: {message}", inner)
    {
        Error = error;
    }

    /// <summary>What was wrong.</summary>
    public Discv4PacketError Error { get; }
}
