namespace Devp2p.Protocol.Rlpx;

/// <summary>
/// One decoded message: its code (0x00–0x0f the p2p base protocol, then the capabilities' ranges)
/// and its RLP payload, decompressed. When read from an <see cref="RlpxConnection"/>, an uncompressed
/// payload points into the connection's buffer and is valid only until the next read.
/// </summary>
public readonly record struct RlpxMessage(ulong Code, ReadOnlyMemory<byte> Payload);
