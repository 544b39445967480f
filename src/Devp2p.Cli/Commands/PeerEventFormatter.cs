using System.Text.Json;
using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Commands;

/// <summary>
/// One line per peer event for <c>devp2p node</c>: readable text by default, or one JSON object per
/// line (<c>--events json</c>) with the fields scripts rely on: <c>event</c> (added|dropped),
/// <c>id</c>, <c>clientId</c>, <c>caps</c>, <c>inbound</c>, <c>reason</c>. A dropped line repeats the
/// caps and direction of the added line, so each line stands alone; that is why it keeps state.
/// Not thread-safe: one printer per event subscriber.
/// </summary>
public sealed class PeerEventFormatter(bool json)
{
    private readonly Dictionary<NodeId, PeerInfo> _added = [];

    /// <summary>The line for <paramref name="e"/>, or null for events the command does not print (message events).</summary>
    public string? Format(PeerEvent e)
    {
        switch (e)
        {
            case PeerAdded added:
                _added[added.PeerId] = added.Peer;
                return json ? AddedJson(added) : AddedText(added);
            case PeerDropped dropped:
                _added.Remove(dropped.PeerId, out var peer);
                return json ? DroppedJson(dropped, peer) : DroppedText(dropped);
            default:
                return null;
        }
    }

    private static string AddedText(PeerAdded e) =>
        $"added   {e.Peer.Id.ToShortString()} {(e.Peer.Inbound ? "inbound " : "outbound")} {e.Peer.RemoteAddress?.ToString() ?? "-"} " +
        $"\"{e.Peer.ClientId}\" caps={string.Join(',', e.Peer.Capabilities)} matched={string.Join(',', e.Peer.Matched.Select(m => m.Capability))}";

    private static string DroppedText(PeerDropped e) =>
        $"dropped {e.PeerId.ToShortString()} \"{e.ClientId}\" reason={e.Reason.Describe()}{(e.RemoteRequested ? " (remote)" : "")}" +
        (e.Detail is null ? "" : $" detail={e.Detail}");

    private static string AddedJson(PeerAdded e) => Json(w =>
    {
        w.WriteString("event", "added");
        w.WriteString("id", e.Peer.Id.ToHex());
        w.WriteString("clientId", e.Peer.ClientId);
        w.WriteStartArray("caps");
        foreach (var cap in e.Peer.Capabilities)
            w.WriteStringValue(cap.ToString());
        w.WriteEndArray();
        w.WriteBoolean("inbound", e.Peer.Inbound);
        w.WriteString("remote", e.Peer.RemoteAddress?.ToString());
        w.WriteNull("reason");
    });

    private static string DroppedJson(PeerDropped e, PeerInfo? peer) => Json(w =>
    {
        w.WriteString("event", "dropped");
        w.WriteString("id", e.PeerId.ToHex());
        w.WriteString("clientId", e.ClientId);
        w.WriteStartArray("caps");
        foreach (var cap in peer?.Capabilities ?? [])
            w.WriteStringValue(cap.ToString());
        w.WriteEndArray();
        if (peer is null)
            w.WriteNull("inbound");
        else
            w.WriteBoolean("inbound", peer.Inbound);
        w.WriteString("reason", e.Reason.Describe());
        w.WriteNumber("reasonCode", (byte)e.Reason);
        w.WriteBoolean("remoteRequested", e.RemoteRequested);
        if (e.Detail is not null)
            w.WriteString("detail", e.Detail);
    });

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
