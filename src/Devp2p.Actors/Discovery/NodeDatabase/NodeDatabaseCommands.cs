using Microsoft.Data.Sqlite;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// Every statement the node database runs, compiled once and reused with fresh parameter values: no SQL
/// is built from data, and the hot paths (ping, pong, upsert) skip SQLite's parser. Not thread-safe;
/// <see cref="SqliteNodeDatabase"/> serialises all use under its lock.
/// </summary>
internal sealed class NodeDatabaseCommands : IDisposable
{
    private readonly List<SqliteCommand> _all = [];

    public NodeDatabaseCommands(SqliteConnection connection)
    {
        SqliteCommand Make(string sql, params string[] parameters)
        {
            var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            foreach (var name in parameters)
                cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
            cmd.Prepare();
            _all.Add(cmd);
            return cmd;
        }

        // Explicit transaction statements: the commands below stay free of SqliteTransaction bookkeeping.
        Begin = Make("BEGIN IMMEDIATE");
        Commit = Make("COMMIT");
        Rollback = Make("ROLLBACK");

        CountNodes = Make("SELECT count(*) FROM nodes");
        CountProofs = Make("SELECT count(*) FROM proofs");

        SelectNode = Make("SELECT ip, udp, tcp, enr, last_seen FROM nodes WHERE id = $id", "$id");
        NodeExists = Make("SELECT count(*) FROM nodes WHERE id = $id", "$id");
        UpsertNode = Make("""
            INSERT INTO nodes (id, ip, udp, tcp, enr, last_seen) VALUES ($id, $ip, $udp, $tcp, $enr, $seen)
            ON CONFLICT (id) DO UPDATE SET ip = excluded.ip, udp = excluded.udp, tcp = excluded.tcp,
                enr = excluded.enr, last_seen = excluded.last_seen
            """, "$id", "$ip", "$udp", "$tcp", "$enr", "$seen");
        DeleteNode = Make("DELETE FROM nodes WHERE id = $id", "$id");
        DeleteProofsOfNode = Make("DELETE FROM proofs WHERE id = $id", "$id");
        EvictProofsOfOldestNodes = Make(
            "DELETE FROM proofs WHERE id IN (SELECT id FROM nodes ORDER BY last_seen, id LIMIT $n)", "$n");
        EvictOldestNodes = Make(
            "DELETE FROM nodes WHERE id IN (SELECT id FROM nodes ORDER BY last_seen, id LIMIT $n)", "$n");

        SelectProof = Make("SELECT last_ping, last_pong, find_fails FROM proofs WHERE id = $id AND ip = $ip", "$id", "$ip");
        ProofExists = Make("SELECT count(*) FROM proofs WHERE id = $id AND ip = $ip", "$id", "$ip");
        UpsertPing = Make("""
            INSERT INTO proofs (id, ip, last_ping, touched) VALUES ($id, $ip, $t, $t)
            ON CONFLICT (id, ip) DO UPDATE SET last_ping = excluded.last_ping,
                touched = max(excluded.last_ping, coalesce(last_pong, excluded.last_ping))
            """, "$id", "$ip", "$t");
        UpsertPong = Make("""
            INSERT INTO proofs (id, ip, last_pong, touched) VALUES ($id, $ip, $t, $t)
            ON CONFLICT (id, ip) DO UPDATE SET last_pong = excluded.last_pong,
                touched = max(excluded.last_pong, coalesce(last_ping, excluded.last_pong))
            """, "$id", "$ip", "$t");
        // A fail count with no ping or pong behind it is worth nothing: touched 0 makes it first to go.
        UpsertFindFails = Make("""
            INSERT INTO proofs (id, ip, find_fails, touched) VALUES ($id, $ip, $f, 0)
            ON CONFLICT (id, ip) DO UPDATE SET find_fails = excluded.find_fails
            """, "$id", "$ip", "$f");
        EvictOldestProofs = Make(
            "DELETE FROM proofs WHERE (id, ip) IN (SELECT id, ip FROM proofs ORDER BY touched LIMIT $n)", "$n");

        SelectLocalSeq = Make("SELECT seq FROM local_seq WHERE id = $id", "$id");
        UpsertLocalSeq = Make(
            "INSERT INTO local_seq (id, seq) VALUES ($id, $seq) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq",
            "$id", "$seq");

        // A seed is a node whose endpoint proof is for the address we have for it (geth checks the same).
        QuerySeeds = Make("""
            SELECT n.id, n.ip, n.udp, n.tcp, n.enr, n.last_seen
            FROM proofs p JOIN nodes n ON n.id = p.id AND n.ip = p.ip
            WHERE p.last_pong > $since
            ORDER BY random() LIMIT $max
            """, "$since", "$max");

        // A node expires when neither its own last-seen time nor a pong from any of its addresses is recent.
        const string expired = "SELECT id FROM nodes WHERE last_seen < $cutoff AND NOT EXISTS "
            + "(SELECT 1 FROM proofs p WHERE p.id = nodes.id AND p.last_pong >= $cutoff)";
        ExpireProofsOfNodes = Make($"DELETE FROM proofs WHERE id IN ({expired})", "$cutoff");
        ExpireNodes = Make($"DELETE FROM nodes WHERE id IN ({expired})", "$cutoff");
        ExpireProofs = Make("DELETE FROM proofs WHERE touched < $cutoff", "$cutoff");
    }

    public SqliteCommand Begin { get; }
    public SqliteCommand Commit { get; }
    public SqliteCommand Rollback { get; }
    public SqliteCommand CountNodes { get; }
    public SqliteCommand CountProofs { get; }
    public SqliteCommand SelectNode { get; }
    public SqliteCommand NodeExists { get; }
    public SqliteCommand UpsertNode { get; }
    public SqliteCommand DeleteNode { get; }
    public SqliteCommand DeleteProofsOfNode { get; }
    public SqliteCommand EvictProofsOfOldestNodes { get; }
    public SqliteCommand EvictOldestNodes { get; }
    public SqliteCommand SelectProof { get; }
    public SqliteCommand ProofExists { get; }
    public SqliteCommand UpsertPing { get; }
    public SqliteCommand UpsertPong { get; }
    public SqliteCommand UpsertFindFails { get; }
    public SqliteCommand EvictOldestProofs { get; }
    public SqliteCommand SelectLocalSeq { get; }
    public SqliteCommand UpsertLocalSeq { get; }
    public SqliteCommand QuerySeeds { get; }
    public SqliteCommand ExpireProofsOfNodes { get; }
    public SqliteCommand ExpireNodes { get; }
    public SqliteCommand ExpireProofs { get; }

    public void Dispose()
    {
        foreach (var cmd in _all)
            cmd.Dispose();
        _all.Clear();
    }
}
