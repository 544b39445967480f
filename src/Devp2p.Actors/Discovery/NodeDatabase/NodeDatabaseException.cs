namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>
/// The node database file could not be opened or created (a missing permission, a path that is not a
/// directory, a full disk). Names the path so an operator can fix it; a merely corrupt or outdated file
/// never raises this, it is recreated instead (see <see cref="SqliteNodeDatabase.RecoveryNote"/>).
/// </summary>
public sealed class NodeDatabaseException : Exception
{
    public NodeDatabaseException(string path, string message, Exception? inner = null)
        : base($"node database {path}: {message}", inner)
    {
        Path = path;
    }

    /// <summary>The file or directory that could not be used.</summary>
    public string Path { get; }
}
