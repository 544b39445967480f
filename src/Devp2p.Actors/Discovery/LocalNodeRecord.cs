using System.Net;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

/// <summary>
/// Makes the local node's signed record (ip, tcp, udp) with a sequence number that survives restarts:
/// the last record is kept in the node database under our own id, and its seq in
/// <see cref="INodeDatabase.LocalSeq"/>. The same endpoint keeps the same seq (peers need not re-fetch
/// it); a changed endpoint gets seq + 1. Pure apart from the database.
/// </summary>
public static class LocalNodeRecord
{
    /// <summary>Returns the record to publish, persisting it (and its seq) when it is new.</summary>
    public static Enr Load(INodeDatabase database, byte[] privateKey, IPAddress? ip, int tcpPort, int udpPort, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(database);
        var self = NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(privateKey));
        ulong seq = database.LocalSeq(self);
        var stored = database.GetNode(self) is { Enr: { } text } && Enr.TryParse(text, out var parsed) ? parsed : null;
        if (stored is not null && stored.Seq == seq && SameEndpoint(stored, ip, tcpPort, udpPort))
            return stored;

        seq = Math.Max(seq, stored?.Seq ?? 0) + 1;
        var builder = new EnrBuilder().WithSeq(seq);
        if (ip is not null)
            builder.WithIp(ip);
        if (tcpPort != 0)
            builder.WithTcp(tcpPort);
        if (udpPort != 0)
            builder.WithUdp(udpPort);
        var record = builder.Sign(privateKey);
        database.SetLocalSeq(self, seq);
        database.UpsertNode(new StoredNode(self, ip ?? IPAddress.Loopback, udpPort, tcpPort, record.ToText(), now));
        return record;
    }

    private static bool SameEndpoint(Enr record, IPAddress? ip, int tcpPort, int udpPort) =>
        Equals(record.Ip ?? record.Ip6, ip) && (record.Tcp ?? 0) == tcpPort && (record.Udp ?? 0) == udpPort;
}
