using Microsoft.Data.Sqlite;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// Opens the SQLite connection behind <see cref="SqliteNodeDatabase"/>: sets the durability pragmas,
/// checks the file and the schema version, and recreates a file that is corrupt, foreign or of another
/// version. Only failures to reach the file at all (permissions, not a directory, disk full) are errors.
/// </summary>
internal static class NodeDatabaseOpener
{
    // SQLite primary result codes that mean "the bytes are bad", as opposed to "the file cannot be reached".
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    /// <summary>An in-memory database: nothing to check, nothing survives <see cref="SqliteConnection.Close"/>.</summary>
    public static SqliteConnection OpenMemory()
    {
        var connection = new SqliteConnection(ConnectionString(":memory:"));
        connection.Open();
        NodeDatabaseSchema.Create(connection);
        return connection;
    }

    /// <summary>Opens (or creates, or recreates) the file; <paramref name="recoveryNote"/> says why it was recreated, if it was.</summary>
    public static SqliteConnection OpenFile(string path, out string? recoveryNote)
    {
        recoveryNote = null;
        var connection = TryOpen(path, out var problem);
        if (connection is not null)
            return connection;

        recoveryNote = problem;
        DeleteFiles(path);
        return TryOpen(path, out var again)
            ?? throw new NodeDatabaseException(path, $"recreated after '{problem}', but it is still unusable: {again}");
    }

    /// <summary>The connection if the file is usable as is (or was empty and got the schema); null and a reason if it must be recreated.</summary>
    private static SqliteConnection? TryOpen(string path, out string? problem)
    {
        problem = null;
        var connection = new SqliteConnection(ConnectionString(path));
        try
        {
            connection.Open();
            // WAL: a writer appends to the log and a crash leaves the main file intact. NORMAL syncs only at
            // checkpoints: a killed process loses nothing committed (the OS holds the pages), a power cut may
            // lose the last commits but never corrupts. FULL would fsync every ping and pong.
            var mode = NodeDatabaseSchema.Scalar<string>(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new NodeDatabaseException(path, $"could not switch to WAL journal mode (got '{mode}')");
            NodeDatabaseSchema.Execute(connection, "PRAGMA synchronous = NORMAL");

            var check = NodeDatabaseSchema.Scalar<string>(connection, "PRAGMA quick_check");
            if (check != "ok")
                problem = $"integrity check failed: {check}";
            else
            {
                switch (NodeDatabaseSchema.Inspect(connection, out var found))
                {
                    case NodeDatabaseSchema.State.Empty:
                        NodeDatabaseSchema.Create(connection);
                        break;
                    case NodeDatabaseSchema.State.Current:
                        break;
                    case NodeDatabaseSchema.State.OtherVersion:
                        problem = $"schema version {found?.ToString() ?? "missing"}, expected {NodeDatabaseSchema.Version}";
                        break;
                    case NodeDatabaseSchema.State.Foreign:
                        problem = "not a node database (no schema_info table)";
                        break;
                }
            }
        }
        catch (SqliteException e) when (IsCorruption(e))
        {
            problem = $"unreadable: {e.Message}";
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new NodeDatabaseException(path, e.Message, e);
        }
        catch (NodeDatabaseException)
        {
            connection.Dispose();
            throw;
        }

        if (problem is null)
            return connection;
        connection.Dispose();
        return null;
    }

    private static bool IsCorruption(SqliteException e) =>
        (e.SqliteErrorCode & 0xff) is SqliteCorrupt or SqliteNotADatabase;

    private static void DeleteFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NodeDatabaseException(file, $"could not delete it to recreate the database: {e.Message}", e);
            }
        }
    }

    private static string ConnectionString(string dataSource) => new SqliteConnectionStringBuilder
    {
        DataSource = dataSource,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // One long-lived connection per database; pooling would keep the file open after Dispose,
        // which blocks recreating it and reopening it in the same process.
        Pooling = false,
        // Seconds a statement waits for a lock held by another connection before failing.
        DefaultTimeout = 5,
    }.ToString();
}
