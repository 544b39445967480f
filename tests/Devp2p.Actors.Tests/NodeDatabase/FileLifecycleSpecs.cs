using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>
/// Opening: a file keeps its data across reopen, an in-memory database keeps nothing, and a file that is
/// corrupt, foreign or of another schema version is recreated (with a note) instead of failing the node.
/// Only a path that cannot be used at all is an error, and the error names it.
/// </summary>
public sealed class FileLifecycleSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Fill(int count)
    {
        using var db = SqliteNodeDatabase.Open(_dir.Path);
        for (var i = 0; i < count; i++)
        {
            db.UpsertNode(Node(i, T0, SampleEnr));
            db.SetLastPongReceived(Id(i), Ip(i), T0);
        }
        db.SetLocalSeq(Id(-1), 42);
    }

    [Fact]
    public void A_new_file_is_created_in_wal_mode_with_the_schema_version()
    {
        var nested = Path.Combine(_dir.Path, "a", "b");
        using (var db = SqliteNodeDatabase.Open(nested))
        {
            Assert.Equal(Path.Combine(nested, "nodes.db"), db.Path);
            Assert.Null(db.RecoveryNote);
            db.UpsertNode(Node(1, T0));
        }
        using var raw = Raw(Path.Combine(nested, "nodes.db"));
        Assert.Equal("wal", Scalar(raw, "PRAGMA journal_mode"));
        Assert.Equal("1", Scalar(raw, "SELECT version FROM schema_info"));
        Assert.Equal("1", Scalar(raw, "SELECT count(*) FROM nodes"));
    }

    [Fact]
    public void Reopening_a_file_keeps_everything()
    {
        Fill(20);
        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Null(db.RecoveryNote);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(Node(i, T0, SampleEnr), db.GetNode(Id(i)));
            Assert.Equal(T0, db.LastPongReceived(Id(i), Ip(i)));
        }
        Assert.Equal(42UL, db.LocalSeq(Id(-1)));
    }

    [Fact]
    public void In_memory_databases_are_separate_and_keep_nothing()
    {
        using (var a = SqliteNodeDatabase.Open(null))
        {
            Assert.Null(a.Path);
            a.UpsertNode(Node(1, T0));
            using var b = SqliteNodeDatabase.Open(null);
            Assert.Null(b.GetNode(Id(1)));
        }
        using var c = SqliteNodeDatabase.Open(null);
        Assert.Null(c.GetNode(Id(1)));
        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    [Fact]
    public void Another_schema_version_recreates_the_file()
    {
        Fill(3);
        using (var raw = Raw(_dir.DbFile))
            Scalar(raw, "UPDATE schema_info SET version = 999");

        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Contains("schema version 999", db.RecoveryNote);
        Assert.Null(db.GetNode(Id(0)));
        Assert.Equal(0UL, db.LocalSeq(Id(-1)));
        db.UpsertNode(Node(0, T0));
        Assert.NotNull(db.GetNode(Id(0)));
    }

    [Fact]
    public void A_sqlite_file_of_something_else_is_recreated()
    {
        using (var raw = Raw(_dir.DbFile))
            Scalar(raw, "CREATE TABLE unrelated (x INTEGER)");

        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Contains("not a node database", db.RecoveryNote);
        db.UpsertNode(Node(0, T0));
        Assert.NotNull(db.GetNode(Id(0)));
    }

    [Fact]
    public void A_file_that_is_not_sqlite_at_all_is_recreated()
    {
        File.WriteAllBytes(_dir.DbFile, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());

        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.NotNull(db.RecoveryNote);
        db.UpsertNode(Node(0, T0));
        Assert.NotNull(db.GetNode(Id(0)));
    }

    [Fact]
    public void A_file_with_damaged_pages_is_recreated()
    {
        Fill(400);
        var bytes = File.ReadAllBytes(_dir.DbFile);
        Assert.True(bytes.Length > 5 * 4096, $"file too small to damage: {bytes.Length}");
        // Keep the header page; scribble over the b-tree pages behind it.
        for (var i = 4096; i < bytes.Length; i++)
            bytes[i] = (byte)(0xA5 ^ i);
        File.WriteAllBytes(_dir.DbFile, bytes);

        using var db = SqliteNodeDatabase.Open(_dir.Path);
        Assert.NotNull(db.RecoveryNote);
        Assert.Null(db.GetNode(Id(1)));
        db.UpsertNode(Node(1, T0));
        Assert.NotNull(db.GetNode(Id(1)));
    }

    [Fact]
    public void A_directory_path_that_is_a_file_is_an_error_naming_it()
    {
        var file = Path.Combine(_dir.Path, "plain-file");
        File.WriteAllText(file, "x");

        var e = Assert.Throws<NodeDatabaseException>(() => SqliteNodeDatabase.Open(file));
        Assert.Equal(file, e.Path);
        Assert.Contains(file, e.Message);
    }

    [Fact]
    public void A_database_path_that_is_a_directory_is_an_error_naming_it()
    {
        Directory.CreateDirectory(_dir.DbFile);

        var e = Assert.Throws<NodeDatabaseException>(() => SqliteNodeDatabase.Open(_dir.Path));
        Assert.Contains(_dir.DbFile, e.Message);
        Assert.True(Directory.Exists(_dir.DbFile), "an unusable path is reported, never deleted");
    }
}
