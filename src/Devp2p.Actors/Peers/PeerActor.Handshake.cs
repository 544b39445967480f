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
        var options = new RlpxConnectionOptions { HandshakeTimeout = Timeout.InfiniteTimeSpan, LocalPublicKey = OurHello.For(_settings).Hello.NodeId };
        var stream = _setup.Stream;
        var key = _settings.PrivateKey;
        var destination = _setup.DialDestination is { } d ? d.Bytes.ToArray() : null;
        var token = _readCancellation.Token;
        var task = Task.Run(() => destination is null
            ? RlpxConnection.AcceptAsync(stream, key, options, token)
            : RlpxConnection.InitiateAsync(stream, key, destination, options, token), CancellationToken.None);
        Track(task);
        var (self, parent, inbound) = (Self, Context.Parent, _setup.Inbound);
        task.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                self.Tell(new EncHandshakeFailed(Failure(t)), self);
                return;
            }
            // Self first, then the checkpoint on our behalf: the server's answer lands in our mailbox after
            // EncHandshakeDone, and this saves the actor a turn before the question is even asked.
            self.Tell(new EncHandshakeDone(t.Result), self);
            if (!token.IsCancellationRequested)
                parent.Tell(new PostHandshake(NodeId.FromBytes(t.Result.RemotePublicKey), inbound), self);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnEncHandshakeDone(EncHandshakeDone done)
    {
        Timers.Cancel(PeerTimers.EncHandshake);
        _connection = done.Connection;
        _remoteId = NodeId.FromBytes(done.Connection.RemotePublicKey);
        Identified(_remoteId, "post-handshake");
        _log.Debug("enc handshake with {Peer} done ({Direction}); post-handshake checkpoint asked", Who, _setup.Inbound ? "inbound" : "outbound");
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
        var (ours, local) = OurHello.For(_settings);
        _runningFrameLimit = connection.Session.Reader.MaxFrameSize;
        connection.Session.Reader.MaxFrameSize = MaxHelloSize + 1;
        var token = _readCancellation.Token;
        var task = Task.Run(() => HelloExchange.RunAsync(connection, ours, token), CancellationToken.None);
        Track(task);
        var (self, parent, inbound, remoteId) = (Self, Context.Parent, _setup.Inbound, _remoteId!);
        task.ContinueWith(t =>
        {
            if (!t.IsCompletedSuccessfully)
            {
                self.Tell(new HelloFailed(Failure(t)), self);
                return;
            }
            if (t.Result.Remote is not { } hello)
            {
                self.Tell(new HelloDone(t.Result), self);
                return;
            }
            // As after the enc handshake: matched here, and the add-peer checkpoint asked on our behalf
            // right after telling ourselves, so its answer follows HelloMatched in our mailbox.
            var matched = CapabilityMatcher.Match(local, hello.Capabilities);
            self.Tell(new HelloMatched(t.Result, matched), self);
            if (!token.IsCancellationRequested)
                parent.Tell(new AddPeerCheckpoint(remoteId, inbound, hello, matched), self);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Become(() =>
        {
            Receive<HelloMatched>(OnHelloMatched);
            Receive<HelloDone>(OnHelloDone);
            Receive<HelloFailed>(f => Close(PeerCloseCause.FromException(f.Cause, "protocol handshake")));
            Receive<PeerTimers.StageTimeout>(t => Close(PeerCloseCause.Local(DisconnectReason.ReadTimeout,
                $"{t.Stage} did not complete within {_settings.HelloTimeout.TotalSeconds:0.###} s")));
            CommonHandlers();
        });
    }

    /// <summary>The remote answered our Hello with a Disconnect.</summary>
    private void OnHelloDone(HelloDone done)
    {
        Timers.Cancel(PeerTimers.Hello);
        _connection!.Session.Reader.MaxFrameSize = _runningFrameLimit;
        Close(PeerCloseCause.Remote(done.Result.Disconnect ?? DisconnectReason.Requested));
    }

    private void OnHelloMatched(HelloMatched done)
    {
        Timers.Cancel(PeerTimers.Hello);
        _connection!.Session.Reader.MaxFrameSize = _runningFrameLimit;
        var hello = done.Result.Remote!;
        var matched = done.Matched;
        _log.Debug("{Peer} says {Hello}; matched [{Matched}]; add-peer checkpoint asked", Who, hello, string.Join(", ", matched));
        EnterStage("add-peer");
        Become(() =>
        {
            Receive<CheckpointPassed>(_ => StartRunning(hello, matched));
            Receive<CheckpointRejected>(r => Close(PeerCloseCause.Local(r.Reason, "add-peer checkpoint")));
            CommonHandlers();
        });
    }

    /// <summary>What a faulted or cancelled stage task failed with (as PipeTo reports it).</summary>
    private static Exception Failure(Task t) =>
        t.Exception is { } e ? (e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e) : new TaskCanceledException(t);

    /// <summary>Their Hello, and the capabilities it shares with ours; the add-peer checkpoint is already asked.</summary>
    private sealed record HelloMatched(HelloExchangeResult Result, IReadOnlyList<MatchedCapability> Matched) : IDeadLetterSuppression;
}
