using System.Net;
using System.Text.Json;
using Devp2p.Actors.Events;
using Devp2p.Actors.Server;
using Devp2p.Cli.Commands;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;
using Devp2p.Protocol.P2p;

namespace Devp2p.Cli.Tests;

public sealed class PeerEventFormatterTests
{
    private static readonly NodeId Id = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Convert.FromHexString("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291")));

    private static PeerAdded Added(bool inbound) => new(new PeerInfo(Id, "Geth/v1.14", [new Capability("eth", 68), new Capability("snap", 1)],
        [new MatchedCapability("eth", 68, 0x10, 17)], new IPEndPoint(IPAddress.Loopback, 30303), new IPEndPoint(IPAddress.Loopback, 40000),
        inbound, Trusted: false, Static: false, DateTimeOffset.UnixEpoch));

    [Fact]
    public void Json_added_and_dropped_carry_the_documented_fields()
    {
        var formatter = new PeerEventFormatter(json: true);
        using var added = JsonDocument.Parse(formatter.Format(Added(inbound: true))!);
        Assert.Equal("added", added.RootElement.GetProperty("event").GetString());
        Assert.Equal(Id.ToHex(), added.RootElement.GetProperty("id").GetString());
        Assert.Equal("Geth/v1.14", added.RootElement.GetProperty("clientId").GetString());
        Assert.Equal(["eth/68", "snap/1"], added.RootElement.GetProperty("caps").EnumerateArray().Select(c => c.GetString()));
        Assert.True(added.RootElement.GetProperty("inbound").GetBoolean());

        using var dropped = JsonDocument.Parse(formatter.Format(new PeerDropped(Id, "Geth/v1.14", DisconnectReason.TooManyPeers, true, null))!);
        Assert.Equal("dropped", dropped.RootElement.GetProperty("event").GetString());
        Assert.Equal("too many peers", dropped.RootElement.GetProperty("reason").GetString());
        Assert.Equal(4, dropped.RootElement.GetProperty("reasonCode").GetInt32());
        Assert.True(dropped.RootElement.GetProperty("inbound").GetBoolean());
        Assert.Equal(2, dropped.RootElement.GetProperty("caps").GetArrayLength());
    }

    [Fact]
    public void A_drop_without_an_added_line_has_null_direction()
    {
        var formatter = new PeerEventFormatter(json: true);
        using var dropped = JsonDocument.Parse(formatter.Format(new PeerDropped(Id, "x", DisconnectReason.Quitting, false, "bye"))!);
        Assert.Equal(JsonValueKind.Null, dropped.RootElement.GetProperty("inbound").ValueKind);
        Assert.Equal("bye", dropped.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void Text_lines_name_the_peer_and_reason()
    {
        var formatter = new PeerEventFormatter(json: false);
        var added = formatter.Format(Added(inbound: false))!;
        Assert.StartsWith("added   " + Id.ToShortString(), added, StringComparison.Ordinal);
        Assert.Contains("outbound", added, StringComparison.Ordinal);
        Assert.Contains("matched=eth/68", added, StringComparison.Ordinal);
        var dropped = formatter.Format(new PeerDropped(Id, "Geth", DisconnectReason.UselessPeer, false, null))!;
        Assert.Contains("reason=useless peer", dropped, StringComparison.Ordinal);
        Assert.DoesNotContain("(remote)", dropped, StringComparison.Ordinal);
    }

    [Fact]
    public void Message_events_are_not_printed() =>
        Assert.Null(new PeerEventFormatter(json: true).Format(new PeerMessageEvent(Id, "eth", 68, 0, 10, MessageDirection.Sent)));
}
