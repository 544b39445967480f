using Devp2p.Protocol.Rlp;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Fuzzing.Targets;

/// <summary>
/// What follows a frame's decryption: <see cref="RlpxSession.DecodeFrame"/> with snappy on reads
/// the message code and decompresses the payload (or takes an uncompressed Disconnect as it is).
/// </summary>
internal sealed class FrameContentTarget : FuzzTarget
{
    private static readonly Lazy<RlpxSession> Session = new(() =>
    {
        var initiator = new InitiatorHandshake(TestKeys.Private(1), TestKeys.Public(0), new SeededHandshakeRandom(3));
        var recipient = new RecipientHandshake(TestKeys.Private(0), new SeededHandshakeRandom(4));
        var auth = initiator.CreateAuth();
        HandshakeSealing.Feed(auth, () => recipient.BytesWanted, () => recipient.IsComplete, recipient.Receive);
        var session = new RlpxSession(recipient.Secrets);
        session.EnableSnappy();
        return session;
    });

    public override string Name => "frame-content";

    public override string Description => "RlpxSession.DecodeFrame: message code and snappy payload";

    public override byte[] CreateValid(FuzzCaseRandom random) =>
        [.. RlpCodec.EncodeUInt64((ulong)random.Next(40)), .. SnappyCodec.Compress(SnappyTarget.Compressible(random))];

    public override bool Execute(byte[] input) => Session.Value.DecodeFrame(input).Payload.Length >= 0;

    public override bool IsTypedError(Exception exception) => exception is RlpxException;
}
