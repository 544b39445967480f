using Devp2p.Kernel;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;
using Devp2p.Protocol.Rlpx;

namespace Devp2p.Actors.Peers;

// Stages 1-4: enc handshake, post-handshake checkpoint, Hello exchange, add-peer checkpoint.
public sealed partial class PeerActor
{
    /// <summary>
    /// Largest Hello (or Disconnect) payload read before the protocol handshake completes: geth's
    /// baseProtocolMaxMsgSize. Enforced on the frame header (payload plus the one-byte code), so a
    /// peer that has not yet said who it is cannot make us read or buffer more.
    /// </summary>
    internal const int MaxHelloSize = 2 * 1024;
    private int _runningFrameLimit;

    private void EncHandshakeStage()
    {
        Receive<EncHandshakeDone>(OnEncHandshakeDone);
        Receive<EncHandshakeFailed>(f => Close(PeerCloseCause.FromException(f.Cause, "enc handshake")));
        Receive<PeerTimers.StageTimeout>(t => Close(PeerCloseCause.Local(DisconnectReason.ReadTimeout,
            $"{t.Stage} did not complete within {_settings.HandshakeTimeout.TotalSeconds:0.###} s")));
        CommonHandlers();
    }

    private void StartEncHandshake()
    {
        Timers.StartSingleTimer(PeerTimers.EncHandshake, new PeerTimers.StageTimeout("enc handshake"), _settings.HandshakeTimeout);
        // The actor's timer is the one deadline: it cancels the token.
        var options = new RlpxConnectionOptions { HandshakeTimeout = Timeout.InfiniteTimeSpan };
        var stream = _setup.Stream;
        var key = _settings.PrivateKey;
        var destination = _setup.DialDestination is { } d ? d.Bytes.ToArray() : null;
        var token = _readCancellation.Token;
        var task = Task.Run(() => destination is null
            ? RlpxConnection.AcceptAsync(stream, key, options, token)
            : RlpxConnection.InitiateAsync(stream, key, destination, options, token), CancellationToken.None);
        Track(task);
        task.PipeTo(Self, success: c => new EncHandshakeDone(c), failure: e => new EncHandshakeFailed(e));
    }

    private void OnEncHandshakeDone(EncHandshakeDone done)
    {
        Timers.Cancel(PeerTimers.EncHandshake);
        _connection = done.Connection;
        _remoteId = NodeId.FromBytes(done.Connection.RemotePublicKey);
        Identified(_remoteId, "post-handshake");
        _log.Debug("enc handshake with {Peer} done ({Direction})", Who, _setup.Inbound ? "inbound" : "outbound");
        Context.Parent.Tell(new PostHandshake(_remoteId, _setup.Inbound));
        Become(() =>
        {
            Receive<CheckpointPassed>(_ => StartHello());
            Receive<CheckpointRejected>(r => Close(PeerCloseCause.Local(r.Reason, "post-handshake checkpoint")));
            CommonHandlers();
        });
    }

    private void StartHello()
    {
        EnterStage("protocol-handshake");
        Timers.StartSingleTimer(PeerTimers.Hello, new PeerTimers.StageTimeout("protocol handshake"), _settings.HelloTimeout);
        var connection = _connection!;
        var ours = OurHello.Create(_settings);
        _runningFrameLimit = connection.Session.Reader.MaxFrameSize;
        connection.Session.Reader.MaxFrameSize = MaxHelloSize + 1;
        var token = _readCancellation.Token;
        var task = Task.Run(() => HelloExchange.RunAsync(connection, ours, token), CancellationToken.None);
        Track(task);
        task.PipeTo(Self, success: r => new HelloDone(r), failure: e => new HelloFailed(e));
        Become(() =>
        {
            Receive<HelloDone>(OnHelloDone);
            Receive<HelloFailed>(f => Close(PeerCloseCause.FromException(f.Cause, "protocol handshake")));
            Receive<PeerTimers.StageTimeout>(t => Close(PeerCloseCause.Local(DisconnectReason.ReadTimeout,
                $"{t.Stage} did not complete within {_settings.HelloTimeout.TotalSeconds:0.###} s")));
            CommonHandlers();
        });
    }

    private void OnHelloDone(HelloDone done)
    {
        Timers.Cancel(PeerTimers.Hello);
        _connection!.Session.Reader.MaxFrameSize = _runningFrameLimit;
        if (done.Result.Remote is not { } hello)
        {
            Close(PeerCloseCause.Remote(done.Result.Disconnect ?? DisconnectReason.Requested));
            return;
        }
        var matched = CapabilityMatcher.Match(OurHello.LocalCapabilities(_settings.Protocols), hello.Capabilities);
        _log.Debug("{Peer} says {Hello}; matched [{Matched}]", Who, hello, string.Join(", ", matched));
        EnterStage("add-peer");
        Context.Parent.Tell(new AddPeerCheckpoint(_remoteId!, _setup.Inbound, hello, matched));
        Become(() =>
        {
            Receive<CheckpointPassed>(_ => StartRunning(hello, matched));
            Receive<CheckpointRejected>(r => Close(PeerCloseCause.Local(r.Reason, "add-peer checkpoint")));
            CommonHandlers();
        });
    }
}
