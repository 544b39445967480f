using Devp2p.Actors.Diagnostics;
using Devp2p.Kernel.Event;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Peers;

// Logging context and metrics of one connection: the stage it is in, who it is, how it ended.
public sealed partial class PeerActor
{
    private NodeMetrics _metrics = null!;
    private ILoggingAdapter _peerLog = null!;
    private string _stage = "";

    /// <summary>The logger carries NodeId, RemoteEndPoint and Direction from the start, RemoteId once known, and the Stage.</summary>
    private void InitDiagnostics()
    {
        _metrics = NodeMetrics.For(_settings.PrivateKey);
        _peerLog = Context.GetLogger()
            .ForContext(LogProperties.NodeId, _metrics.NodeTag)
            .ForContext(LogProperties.RemoteEndPoint, _setup.RemoteEndPoint?.ToString())
            .ForContext(LogProperties.Direction, _setup.Inbound ? "inbound" : "outbound");
        EnterStage("enc-handshake");
    }

    private void EnterStage(string stage)
    {
        _stage = stage;
        _log = _peerLog.ForContext(LogProperties.Stage, stage);
    }

    /// <summary>The enc handshake authenticated <paramref name="remote"/>; the next stage begins.</summary>
    private void Identified(NodeId remote, string nextStage)
    {
        _peerLog = _peerLog.ForContext(LogProperties.RemoteId, remote.ToShortString());
        EnterStage(nextStage);
    }

    private void RecordRunning()
    {
        _metrics.Handshake(_setup.Inbound, success: true, "complete");
        EnterStage("running");
    }

    /// <summary>Counts how the connection ended; a peer that broke the protocol is warned about, at most N per peer and kind per interval.</summary>
    private void RecordClose(PeerCloseCause cause)
    {
        if (_stage != "running")
            _metrics.Handshake(_setup.Inbound, success: false, _stage);
        _metrics.Disconnect(cause.Reason, cause.RemoteRequested);
        if (cause.RemoteRequested || !IsMisbehaviour(cause.Reason))
            return;
        var peer = _setup.RemoteEndPoint?.Address.ToString() ?? _remoteId?.ToShortString() ?? "?";
        _log.LogLimited(Context.System.RepeatedWarnings, $"{_metrics.NodeTag}/{peer}/{cause.Reason}", Clock.MonotonicClock,
            LogLevel.WarningLevel, "dropped {Peer} in {Stage}: {Reason} ({Detail})", Who, _stage, cause.Reason, cause.Detail);
    }

    /// <summary>Reasons that mean the remote sent something wrong, as opposed to limits, timeouts and goodbyes.</summary>
    internal static bool IsMisbehaviour(DisconnectReason reason) =>
        reason is DisconnectReason.ProtocolError or DisconnectReason.InvalidIdentity or DisconnectReason.UnexpectedIdentity;
}
