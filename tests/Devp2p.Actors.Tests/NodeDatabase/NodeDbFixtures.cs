using System.Buffers.Binary;
using System.Net;
using Devp2p.Actors.Discovery;
using Devp2p.Protocol.Enode;
using Microsoft.Data.Sqlite;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>Deterministic ids, addresses and times for the node database specs.</summary>
internal static class NodeDbFixtures
{
    public static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    public const string SampleEnr =
        "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

    /// <summary>A 64-byte id that encodes <paramref name="n"/> (the point is not checked by NodeId).</summary>
    public static NodeId Id(int n)
    {
        var bytes = new byte[NodeId.Length];
        bytes.AsSpan().Fill(0x5a);
        BinaryPrimitives.WriteInt32BigEndian(bytes, n);
        return NodeId.FromBytes(bytes);
    }

    public static int IndexOf(NodeId id) => BinaryPrimitives.ReadInt32BigEndian(id.Bytes);

    public static IPAddress Ip(int n) => new([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]);

    public static StoredNode Node(int n, DateTimeOffset lastSeen, string? enr = null) =>
        new(Id(n), Ip(n), 30303 + (n % 1000), 30304 + (n % 1000), enr, lastSeen);

    /// <summary>A raw connection to the file, bypassing the database class (for tampering and checks).</summary>
    public static SqliteConnection Raw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static string Scalar(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>A fresh directory under the temp folder, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "devp2p-nodedb-" + Guid.NewGuid().ToString("N"));

    public string DbFile => System.IO.Path.Combine(Path, global::Devp2p.Actors.Discovery.NodeDatabase.SqliteNodeDatabase.FileName);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
