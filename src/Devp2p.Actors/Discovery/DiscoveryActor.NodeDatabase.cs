using Devp2p.Actors.Discovery.NodeDatabase;

namespace Devp2p.Actors.Discovery;

// The node database: opened in PreStart, a SQLite store behind write-behind (every Ping and Pong sets
// a proof timestamp; one commit each would cost more than the packet), flushed by a timer and on stop.
public sealed partial class DiscoveryActor
{
    private INodeDatabase OpenNodeDatabase()
    {
        var db = _settings.NodeDatabaseFactory?.Invoke() ?? new InMemoryNodeDatabase();
        return db is SqliteNodeDatabase && _settings.NodeDatabaseFlushInterval > TimeSpan.Zero
            ? new WriteBehindNodeDatabase(db, _settings.NodeDatabaseFlushInterval)
            : db;
    }

    private void FlushNodeDatabase()
    {
        if (_db is not WriteBehindNodeDatabase writeBehind)
            return;
        try
        {
            writeBehind.Flush();
        }
        catch (Exception e) when (e is NodeDatabaseException or Microsoft.Data.Sqlite.SqliteException)
        {
            // A cache of the network: a failed flush is logged, the writes stay waiting for the next one.
            _log.Warning("discv4 could not write the node database: {Error}", e.Message);
        }
    }
}
