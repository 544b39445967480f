using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.P2p;

/// <summary>
/// The Disconnect payload (code 0x01). Sent as the spec says, <c>[reason]</c>; read both as
/// <c>[reason, ...]</c> and as a bare integer (ethereumjs sends e.g. <c>0x04</c>), as go-ethereum does.
/// An empty payload or empty list reads as <see cref="DisconnectReason.Requested"/>.
/// (That a Disconnect may arrive uncompressed on a snappy session is handled by
/// <see cref="Rlpx.RlpxSession.DecodeFrame"/>.)
/// </summary>
public static class Disconnect
{
    public static byte[] Encode(DisconnectReason reason) => RlpCodec.EncodeList(RlpCodec.EncodeUInt64((byte)reason));

    /// <summary>Decodes either form; anything else is <see cref="RlpException"/>.</summary>
    public static DisconnectReason Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
            return DisconnectReason.Requested;
        var reader = new RlpReader(payload);
        if (reader.PeekKind() == RlpKind.List)
        {
            var list = reader.EnterList();
            reader.EnsureEnd();
            return list.HasMore ? (DisconnectReason)list.ReadByte() : DisconnectReason.Requested;
        }
        var reason = (DisconnectReason)reader.ReadByte();
        reader.EnsureEnd();
        return reason;
    }

    /// <summary>True when <paramref name="payload"/> decodes as a Disconnect.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out DisconnectReason reason)
    {
        try
        {
            reason = Decode(payload);
            return true;
        }
        catch (RlpException)
        {
            reason = default;
            return false;
        }
    }
}
