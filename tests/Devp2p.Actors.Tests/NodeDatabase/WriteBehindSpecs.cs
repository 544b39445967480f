using System.Net;
using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>
/// The write-behind layer answers exactly like the store it wraps (random operation sequences run
/// against both), keeps proof writes out of the store until a flush, and flushes by count, by the
/// callers' clock, before bulk operations and on dispose (surviving a reopen of the file).
/// </summary>
public sealed class WriteBehindSpecs : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_operation_sequences_answer_exactly_like_the_plain_store(int seed)
    {
        // Node eviction is exact (upserts flush first); a proof row cap would evict at flush time instead, so it is left at its default here.
        var limits = new NodeDatabaseLimits { MaxNodes = 20 };
        using var plain = SqliteNodeDatabase.Open(null, limits);
        using var behind = new WriteBehindNodeDatabase(SqliteNodeDatabase.Open(null, limits), TimeSpan.FromSeconds(2), maxPending: 7);
        var rng = new Random(seed);
        var now = T0;
        for (int step = 0; step < 2000; step++)
        {
            now = now.AddMilliseconds(rng.Next(0, 400));
            int n = rng.Next(40);
            var ip = rng.Next(5) == 0 ? Ip(n).MapToIPv6() : Ip(n);
            switch (rng.Next(10))
            {
                case 0: plain.UpsertNode(Node(n, now)); behind.UpsertNode(Node(n, now)); break;
                case 1: plain.SetLastPingReceived(Id(n), ip, now); behind.SetLastPingReceived(Id(n), ip, now); break;
                case 2: plain.SetLastPongReceived(Id(n), ip, now); behind.SetLastPongReceived(Id(n), ip, now); break;
                case 3: int f = rng.Next(5); plain.SetFindFails(Id(n), ip, f); behind.SetFindFails(Id(n), ip, f); break;
                case 4: if (rng.Next(10) == 0) { plain.DeleteNode(Id(n)); behind.DeleteNode(Id(n)); } break;
                case 5: if (rng.Next(20) == 0) Assert.Equal(plain.ExpireNodes(now.AddSeconds(-30)), behind.ExpireNodes(now.AddSeconds(-30))); break;
                case 6:
                    Assert.Equal(
                        plain.QuerySeeds(100, TimeSpan.FromSeconds(60), now).OrderBy(x => IndexOf(x.Id)),
                        behind.QuerySeeds(100, TimeSpan.FromSeconds(60), now).OrderBy(x => IndexOf(x.Id)));
                    break;
                default:
                    Assert.Equal(plain.LastPingReceived(Id(n), ip), behind.LastPingReceived(Id(n), ip));
                    Assert.Equal(plain.LastPongReceived(Id(n), ip), behind.LastPongReceived(Id(n), ip));
                    Assert.Equal(plain.FindFails(Id(n), ip), behind.FindFails(Id(n), ip));
                    Assert.Equal(plain.GetNode(Id(n)), behind.GetNode(Id(n)));
                    break;
            }
        }
    }

    [Fact]
    public void Proof_writes_wait_in_memory_until_the_interval_by_the_callers_clock_has_passed()
    {
        var store = SqliteNodeDatabase.Open(null);
        using var db = new WriteBehindNodeDatabase(store, TimeSpan.FromSeconds(2));
        db.SetLastPingReceived(Id(1), Ip(1), T0);
        db.SetLastPongReceived(Id(2), Ip(2), T0.AddSeconds(1));
        Assert.Equal(T0, db.LastPingReceived(Id(1), Ip(1)));
        Assert.Null(store.LastPingReceived(Id(1), Ip(1)));
        Assert.Equal(2, db.PendingCount);

        db.SetLastPongReceived(Id(3), Ip(3), T0.AddSeconds(2));
        Assert.Equal(0, db.PendingCount);
        Assert.Equal(T0, store.LastPingReceived(Id(1), Ip(1)));
        Assert.Equal(T0.AddSeconds(1), store.LastPongReceived(Id(2), Ip(2)));
        Assert.Equal(T0.AddSeconds(2), store.LastPongReceived(Id(3), Ip(3)));
    }

    [Fact]
    public void A_full_batch_is_flushed_and_repeated_writes_to_one_pair_take_one_slot()
    {
        var store = SqliteNodeDatabase.Open(null);
        using var db = new WriteBehindNodeDatabase(store, TimeSpan.FromHours(1), maxPending: 3);
        for (int i = 0; i < 10; i++)
            db.SetLastPingReceived(Id(1), IPAddress.Parse("10.0.0.1"), T0.AddSeconds(i));
        db.SetLastPingReceived(Id(1), IPAddress.Parse("::ffff:10.0.0.1"), T0.AddSeconds(20)); // same pair
        Assert.Equal(1, db.PendingCount);
        db.SetFindFails(Id(2), Ip(2), 4);
        Assert.Null(store.LastPingReceived(Id(1), IPAddress.Parse("10.0.0.1")));
        db.SetFindFails(Id(3), Ip(3), 1);
        Assert.Equal(0, db.PendingCount);
        Assert.Equal(T0.AddSeconds(20), store.LastPingReceived(Id(1), IPAddress.Parse("10.0.0.1")));
        Assert.Equal(4, store.FindFails(Id(2), Ip(2)));
    }

    [Fact]
    public void Dispose_flushes_to_the_file()
    {
        using (var db = new WriteBehindNodeDatabase(SqliteNodeDatabase.Open(_dir.Path)))
        {
            db.UpsertNode(Node(1, T0));
            db.SetLastPongReceived(Id(1), Ip(1), T0.AddSeconds(1));
            db.SetFindFails(Id(1), Ip(1), 2);
            Assert.Equal(1, db.PendingCount);
        }
        using var reopened = SqliteNodeDatabase.Open(_dir.Path);
        Assert.Equal(T0.AddSeconds(1), reopened.LastPongReceived(Id(1), Ip(1)));
        Assert.Equal(2, reopened.FindFails(Id(1), Ip(1)));
        Assert.Equal(Node(1, T0), Assert.Single(reopened.QuerySeeds(5, TimeSpan.FromDays(1), T0.AddSeconds(2))));
    }

    [Fact]
    public void Node_reads_come_from_the_cache_until_an_upsert_delete_or_expiry_and_evicted_rows_are_forgotten()
    {
        var store = SqliteNodeDatabase.Open(null, new NodeDatabaseLimits { MaxNodes = 2 });
        using var db = new WriteBehindNodeDatabase(store, TimeSpan.FromSeconds(2));
        db.UpsertNode(Node(1, T0));
        Assert.Equal(Node(1, T0), db.GetNode(Id(1)));
        Assert.Null(db.GetNode(Id(9)));

        // Written behind its back (the actor is the only writer, so this never happens in use): the cache answers.
        store.UpsertNode(Node(9, T0));
        store.UpsertNode(Node(1, T0.AddSeconds(1)));
        Assert.Null(db.GetNode(Id(9)));
        Assert.Equal(Node(1, T0), db.GetNode(Id(1)));

        // Our own upsert evicts the least recently seen row (node 9 at T0) and forgets every cached row.
        db.UpsertNode(Node(2, T0.AddSeconds(2)));
        Assert.Null(db.GetNode(Id(9)));
        Assert.Equal(Node(1, T0.AddSeconds(1)), db.GetNode(Id(1)));
        db.DeleteNode(Id(1));
        Assert.Null(db.GetNode(Id(1)));
        Assert.Equal(Node(2, T0.AddSeconds(2)), db.GetNode(Id(2)));
        Assert.Equal(1, db.ExpireNodes(T0.AddSeconds(3)));
        Assert.Null(db.GetNode(Id(2)));
    }
}
