using Devp2p.Actors.Discovery.NodeDatabase;
using static Devp2p.Actors.Tests.NodeDatabase.NodeDbFixtures;

namespace Devp2p.Actors.Tests.NodeDatabase;

/// <summary>Concurrent callers on one instance neither fail nor lose writes (the lock serialises them).</summary>
public sealed class ConcurrencySpecs
{
    private const int Writers = 6;
    private const int PerWriter = 150;

    [Fact]
    public async Task Parallel_writers_and_readers_lose_nothing()
    {
        using var dir = new TempDir();
        using var db = SqliteNodeDatabase.Open(dir.Path, new NodeDatabaseLimits { MaxNodes = Writers * PerWriter, MaxProofs = Writers * PerWriter });
        using var start = new Barrier(Writers + 2);

        var writers = Enumerable.Range(0, Writers).Select(w => OnOwnThread(() =>
        {
            start.SignalAndWait();
            for (var k = 0; k < PerWriter; k++)
            {
                var i = w * PerWriter + k;
                db.UpsertNode(Node(i, T0.AddDays(2)));
                db.SetLastPongReceived(Id(i), Ip(i), T0.AddDays(2));
                db.SetFindFails(Id(i), Ip(i), k % 5);
                Assert.NotNull(db.GetNode(Id(i)));
            }
        }));
        var reader = OnOwnThread(() =>
        {
            start.SignalAndWait();
            for (var k = 0; k < 100; k++)
                Assert.True(db.QuerySeeds(16, TimeSpan.FromDays(1), T0.AddDays(2)).Count <= 16);
        });
        var expirer = OnOwnThread(() =>
        {
            start.SignalAndWait();
            for (var k = 0; k < 50; k++)
                Assert.Equal(0, db.ExpireNodes(T0)); // nothing is that old: must delete nothing
        });

        await Task.WhenAll(writers.Append(reader).Append(expirer));

        for (var i = 0; i < Writers * PerWriter; i++)
        {
            Assert.Equal(Node(i, T0.AddDays(2)), db.GetNode(Id(i)));
            Assert.Equal(T0.AddDays(2), db.LastPongReceived(Id(i), Ip(i)));
            Assert.Equal(i % PerWriter % 5, db.FindFails(Id(i), Ip(i)));
        }
        // Exactly at the caps, so a miscounted insert would have evicted something above.
        Assert.Equal(Writers * PerWriter, db.QuerySeeds(10_000, TimeSpan.FromDays(1), T0.AddDays(2)).Count);
    }

    // A dedicated thread each: the barrier blocks, and pool threads would be injected slowly on 2 cores.
    private static Task OnOwnThread(Action body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}
