using System.Net;
using Devp2p.Protocol.Enode;
using Microsoft.Data.Sqlite;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// The node database on embedded SQLite: what discovery learned survives a restart, so the node
/// bootstraps from known peers instead of only the bootnodes. One file (<c>nodes.db</c>) in WAL mode;
/// a corrupt, foreign or outdated file is recreated on open (the data is a cache of the network).
/// Row counts are capped (<see cref="NodeDatabaseLimits"/>) by evicting the oldest rows.
/// <para>
/// Thread-safety: every member takes one lock around a single connection, so concurrent callers are
/// safe but serialised. The DiscoveryActor is the only intended caller; each call is a few indexed
/// statements (QuerySeeds and ExpireNodes scan, and run rarely).
/// </para>
/// </summary>
public sealed class SqliteNodeDatabase : INodeDatabase
{
    /// <summary>The file name inside the directory given to <see cref="Open(string?)"/>.</summary>
    public const string FileName = "nodes.db";

    private readonly object _lock = new();
    private readonly SqliteConnection _connection;
    private readonly NodeDatabaseCommands _cmd;
    private readonly NodeDatabaseLimits _limits;
    private long _nodeCount;
    private long _proofCount;
    private bool _disposed;

    private SqliteNodeDatabase(SqliteConnection connection, string? path, string? recoveryNote, NodeDatabaseLimits limits)
    {
        _connection = connection;
        _limits = limits;
        Path = path;
        RecoveryNote = recoveryNote;
        _cmd = new NodeDatabaseCommands(connection);
        _nodeCount = (long)_cmd.CountNodes.ExecuteScalar()!;
        _proofCount = (long)_cmd.CountProofs.ExecuteScalar()!;
    }

    /// <summary>The database file, or null when in memory.</summary>
    public string? Path { get; }

    /// <summary>Why the file was deleted and created anew on open (corrupt, foreign, other schema version); null if it was opened as it was.</summary>
    public string? RecoveryNote { get; }

    /// <summary>Opens <c>nodes.db</c> in <paramref name="directory"/> (created if missing), or an in-memory database when null.</summary>
    /// <exception cref="NodeDatabaseException">The directory or file cannot be created, opened or written.</exception>
    public static SqliteNodeDatabase Open(string? directory) => Open(directory, NodeDatabaseLimits.Default);

    /// <inheritdoc cref="Open(string?)"/>
    public static SqliteNodeDatabase Open(string? directory, NodeDatabaseLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        if (directory is null)
            return new SqliteNodeDatabase(NodeDatabaseOpener.OpenMemory(), null, null, limits);

        var full = System.IO.Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new NodeDatabaseException(full, $"cannot create the directory: {e.Message}", e);
        }

        var path = System.IO.Path.Combine(full, FileName);
        var connection = NodeDatabaseOpener.OpenFile(path, out var note);
        try
        {
            return new SqliteNodeDatabase(connection, path, note, limits);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new NodeDatabaseException(path, e.Message, e);
        }
    }

    /// <summary>Inserts or replaces the node; a new node beyond <see cref="NodeDatabaseLimits.MaxNodes"/> evicts the least recently seen.</summary>
    public void UpsertNode(StoredNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var id = node.Id.Bytes.ToArray();
        var ip = SqliteValues.Ip(node.Ip);
        var udp = SqliteValues.Port(node.UdpPort, nameof(node.UdpPort));
        var tcp = SqliteValues.Port(node.TcpPort, nameof(node.TcpPort));
        var enr = SqliteValues.Enr(node.Enr);
        lock (_lock)
        {
            Transaction(() =>
            {
                var isNew = Count(_cmd.NodeExists, id) == 0;
                if (isNew && _nodeCount >= _limits.MaxNodes)
                {
                    var excess = _nodeCount - _limits.MaxNodes + 1;
                    _proofCount -= Execute(_cmd.EvictProofsOfOldestNodes, excess);
                    _nodeCount -= Execute(_cmd.EvictOldestNodes, excess);
                }
                Execute(_cmd.UpsertNode, id, ip, udp, tcp, (object?)enr ?? DBNull.Value, SqliteValues.Time(node.LastSeen));
                if (isNew)
                    _nodeCount++;
            });
        }
    }

    public StoredNode? GetNode(NodeId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_lock)
        {
            ThrowIfDisposed();
            var cmd = _cmd.SelectNode;
            Bind(cmd, id.Bytes.ToArray());
            using var reader = cmd.ExecuteReader();
            return reader.Read()
                ? new StoredNode(
                    id,
                    SqliteValues.Ip((byte[])reader[0]),
                    reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    SqliteValues.Time(reader.GetInt64(4)))
                : null;
        }
    }

    /// <summary>Deletes the node and all its proof data.</summary>
    public void DeleteNode(NodeId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = id.Bytes.ToArray();
        lock (_lock)
        {
            Transaction(() =>
            {
                _proofCount -= Execute(_cmd.DeleteProofsOfNode, key);
                _nodeCount -= Execute(_cmd.DeleteNode, key);
            });
        }
    }

    public DateTimeOffset? LastPingReceived(NodeId id, IPAddress ip) => ReadProof(id, ip, 0) is long t ? SqliteValues.Time(t) : null;

    public void SetLastPingReceived(NodeId id, IPAddress ip, DateTimeOffset at) => WriteProof(_cmd.UpsertPing, id, ip, SqliteValues.Time(at));

    public DateTimeOffset? LastPongReceived(NodeId id, IPAddress ip) => ReadProof(id, ip, 1) is long t ? SqliteValues.Time(t) : null;

    public void SetLastPongReceived(NodeId id, IPAddress ip, DateTimeOffset at) => WriteProof(_cmd.UpsertPong, id, ip, SqliteValues.Time(at));

    public int FindFails(NodeId id, IPAddress ip) => ReadProof(id, ip, 2) is long n ? (int)n : 0;

    public void SetFindFails(NodeId id, IPAddress ip, int fails)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fails);
        WriteProof(_cmd.UpsertFindFails, id, ip, fails);
    }

    public ulong LocalSeq(NodeId localId)
    {
        ArgumentNullException.ThrowIfNull(localId);
        lock (_lock)
        {
            ThrowIfDisposed();
            Bind(_cmd.SelectLocalSeq, localId.Bytes.ToArray());
            return _cmd.SelectLocalSeq.ExecuteScalar() is long seq ? SqliteValues.Seq(seq) : 0;
        }
    }

    public void SetLocalSeq(NodeId localId, ulong seq)
    {
        ArgumentNullException.ThrowIfNull(localId);
        lock (_lock)
        {
            ThrowIfDisposed();
            Execute(_cmd.UpsertLocalSeq, localId.Bytes.ToArray(), SqliteValues.Seq(seq));
        }
    }

    /// <summary>Up to <paramref name="max"/> distinct nodes, uniformly at random among those with a pong from their stored address newer than <paramref name="now"/> - <paramref name="maxAge"/>.</summary>
    public IReadOnlyList<StoredNode> QuerySeeds(int max, TimeSpan maxAge, DateTimeOffset now)
    {
        if (max <= 0)
            return [];
        lock (_lock)
        {
            ThrowIfDisposed();
            var cmd = _cmd.QuerySeeds;
            Bind(cmd, SqliteValues.Time(now - maxAge), max);
            var seeds = new List<StoredNode>(Math.Min(max, 64));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                seeds.Add(new StoredNode(
                    NodeId.FromBytes((byte[])reader[0]),
                    SqliteValues.Ip((byte[])reader[1]),
                    reader.GetInt32(2),
                    reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    SqliteValues.Time(reader.GetInt64(5))));
            }
            return seeds;
        }
    }

    /// <summary>
    /// Deletes nodes last seen before <paramref name="cutoff"/> that have no pong at or after it from any
    /// address, with all their proof rows; then every proof row whose newest ping and pong are both older.
    /// Returns the number of nodes deleted.
    /// </summary>
    public int ExpireNodes(DateTimeOffset cutoff)
    {
        var at = SqliteValues.Time(cutoff);
        var expired = 0;
        lock (_lock)
        {
            Transaction(() =>
            {
                _proofCount -= Execute(_cmd.ExpireProofsOfNodes, at);
                expired = Execute(_cmd.ExpireNodes, at);
                _nodeCount -= expired;
                _proofCount -= Execute(_cmd.ExpireProofs, at);
            });
        }
        return expired;
    }

    /// <summary>Closes the connection; SQLite checkpoints the WAL into the main file on the last close.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
            _cmd.Dispose();
            _connection.Dispose();
        }
    }

    private object? ReadProof(NodeId id, IPAddress ip, int column)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = id.Bytes.ToArray();
        var addr = SqliteValues.Ip(ip);
        lock (_lock)
        {
            ThrowIfDisposed();
            Bind(_cmd.SelectProof, key, addr);
            using var reader = _cmd.SelectProof.ExecuteReader();
            return reader.Read() && !reader.IsDBNull(column) ? reader.GetInt64(column) : null;
        }
    }

    private void WriteProof(SqliteCommand upsert, NodeId id, IPAddress ip, long value)
    {
        ArgumentNullException.ThrowIfNull(id);
        var key = id.Bytes.ToArray();
        var addr = SqliteValues.Ip(ip);
        lock (_lock)
            Transaction(() => UpsertProof(upsert, key, addr, value));
    }

    /// <summary>One proof upsert with eviction; the caller holds the lock inside a transaction.</summary>
    private void UpsertProof(SqliteCommand upsert, byte[] key, byte[] addr, long value)
    {
        var isNew = Count(_cmd.ProofExists, key, addr) == 0;
        if (isNew && _proofCount >= _limits.MaxProofs)
            _proofCount -= Execute(_cmd.EvictOldestProofs, _proofCount - _limits.MaxProofs + 1);
        Execute(upsert, key, addr, value);
        if (isNew)
            _proofCount++;
    }

    /// <summary>
    /// Applies many proof writes in one transaction (one commit instead of one per write): what
    /// <see cref="WriteBehindNodeDatabase"/> flushes. Each write evicts like its single-call form.
    /// </summary>
    public void WriteProofs(IReadOnlyList<ProofWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count == 0)
            return;
        lock (_lock)
        {
            Transaction(() =>
            {
                foreach (var write in writes)
                {
                    var (command, value) = write.Kind switch
                    {
                        ProofKind.Ping => (_cmd.UpsertPing, SqliteValues.Time(write.At)),
                        ProofKind.Pong => (_cmd.UpsertPong, SqliteValues.Time(write.At)),
                        _ => (_cmd.UpsertFindFails, (long)write.FindFails),
                    };
                    UpsertProof(command, write.Id.Bytes.ToArray(), SqliteValues.Ip(write.Ip), value);
                }
            });
        }
    }

    /// <summary>Runs <paramref name="body"/> in one SQLite transaction; the caller holds the lock.</summary>
    private void Transaction(Action body)
    {
        ThrowIfDisposed();
        var nodes = _nodeCount;
        var proofs = _proofCount;
        _cmd.Begin.ExecuteNonQuery();
        try
        {
            body();
            _cmd.Commit.ExecuteNonQuery();
        }
        catch
        {
            _nodeCount = nodes;
            _proofCount = proofs;
            try
            {
                _cmd.Rollback.ExecuteNonQuery();
            }
            catch (SqliteException)
            {
                // SQLite already rolled back (it does so on some errors); the original error matters.
            }
            throw;
        }
    }

    private static long Count(SqliteCommand cmd, params object[] values)
    {
        Bind(cmd, values);
        return (long)cmd.ExecuteScalar()!;
    }

    private static int Execute(SqliteCommand cmd, params object[] values)
    {
        Bind(cmd, values);
        return cmd.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i];
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
