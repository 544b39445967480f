using Microsoft.Data.Sqlite;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// The tables and the schema version. A file written by another version is not migrated but recreated
/// (go-ethereum flushes its node database on a version change too): the data is a cache of the network,
/// and rediscovering it is cheaper and safer than carrying a migration.
/// </summary>
internal static class NodeDatabaseSchema
{
    /// <summary>Bump on any change to the tables below; older files are then recreated on open.</summary>
    public const long Version = 1;

    // Times are Unix milliseconds; ids are the 64-byte public keys; ips are 4 or 16 address bytes.
    // proofs.touched is the newer of last_ping and last_pong: what expiry and eviction order by.
    private const string CreateSql = """
        CREATE TABLE schema_info (version INTEGER NOT NULL);
        CREATE TABLE nodes (
            id BLOB PRIMARY KEY NOT NULL,
            ip BLOB NOT NULL,
            udp INTEGER NOT NULL,
            tcp INTEGER NOT NULL,
            enr TEXT,
            last_seen INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX nodes_by_last_seen ON nodes (last_seen);
        CREATE TABLE proofs (
            id BLOB NOT NULL,
            ip BLOB NOT NULL,
            last_ping INTEGER,
            last_pong INTEGER,
            find_fails INTEGER NOT NULL DEFAULT 0,
            touched INTEGER NOT NULL,
            PRIMARY KEY (id, ip)
        ) WITHOUT ROWID;
        CREATE INDEX proofs_by_touched ON proofs (touched);
        CREATE INDEX proofs_by_pong ON proofs (last_pong);
        CREATE TABLE local_seq (
            id BLOB PRIMARY KEY NOT NULL,
            seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>What <see cref="Inspect"/> found in a freshly opened file.</summary>
    public enum State
    {
        Empty,
        Current,
        OtherVersion,
        Foreign,
    }

    /// <summary>Reads the version without changing anything.</summary>
    public static State Inspect(SqliteConnection connection, out long? foundVersion)
    {
        foundVersion = null;
        var tables = Scalar<long>(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
        if (tables == 0)
            return State.Empty;
        var hasInfo = Scalar<long>(connection, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_info'");
        if (hasInfo == 0)
            return State.Foreign;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_info LIMIT 1";
        foundVersion = cmd.ExecuteScalar() is long v ? v : null;
        return foundVersion == Version ? State.Current : State.OtherVersion;
    }

    /// <summary>Creates every table and stamps the version, in one transaction.</summary>
    public static void Create(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = CreateSql;
            cmd.ExecuteNonQuery();
            cmd.CommandText = "INSERT INTO schema_info (version) VALUES ($v)";
            cmd.Parameters.AddWithValue("$v", Version);
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
    }

    public static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return (T)cmd.ExecuteScalar()!;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
