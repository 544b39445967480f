namespace Devp2p.Protocol.Rlpx;

/// <summary>One message of a coalesced write (<see cref="RlpxConnection.WriteMessagesAsync"/>): wire code and uncompressed payload.</summary>
public readonly record struct OutgoingMessage(ulong Code, ReadOnlyMemory<byte> Payload);
