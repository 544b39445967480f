using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class OrderingSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed record Msg(int Sender, int Seq);
    private sealed record Go(IActorRef Target, int Count, int Id);
    private sealed record Tagged(int Receiver, int Sender, int Seq);
    private sealed record GoTagged(IActorRef Target, int Receiver, int Count, int Id);

    private sealed class Producer : ReceiveActor
    {
        public Producer() => Receive<Go>(g =>
        {
            for (var i = 0; i < g.Count; i++) g.Target.Tell(new Msg(g.Id, i));
        });
    }

    private sealed class TaggedProducer : ReceiveActor
    {
        public TaggedProducer() => Receive<GoTagged>(g =>
        {
            for (var i = 0; i < g.Count; i++) g.Target.Tell(new Tagged(g.Receiver, g.Id, i));
        });
    }

    /// <summary>Reports (its id, violations) after the expected count; a message meant for another receiver is a violation.</summary>
    private sealed class TaggedChecker : ReceiveActor
    {
        public TaggedChecker(int id, int senders, int perSender, IActorRef report)
        {
            var next = new int[senders];
            var violations = 0;
            var total = 0;
            Receive<Tagged>(m =>
            {
                if (m.Receiver != id || m.Seq != next[m.Sender]) violations++;
                else next[m.Sender] = m.Seq + 1;
                if (++total == senders * perSender) report.Tell((id, violations));
            });
        }
    }

    private sealed class Checker : ReceiveActor
    {
        public Checker(int senders, int perSender, IActorRef report)
        {
            var next = new int[senders];
            var violations = 0;
            var total = 0;
            Receive<Msg>(m =>
            {
                if (m.Seq != next[m.Sender]) violations++;
                next[m.Sender] = m.Seq + 1;
                if (++total == senders * perSender) report.Tell(violations);
            });
        }
    }

    [Fact]
    public void Messages_from_each_sender_arrive_in_order_under_concurrency()
    {
        const int senders = 6, perSender = 20_000;
        var checker = Sys.ActorOf(Props.Create(() => new Checker(senders, perSender, TestActor)));
        var producers = Enumerable.Range(0, senders).Select(_ => Sys.ActorOf(Props.Create<Producer>())).ToArray();
        for (var i = 0; i < senders; i++) producers[i].Tell(new Go(checker, perSender, i));
        ExpectMsg(0, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Messages_from_plain_threads_arrive_in_order_per_thread()
    {
        const int senders = 4, perSender = 20_000;
        var checker = Sys.ActorOf(Props.Create(() => new Checker(senders, perSender, TestActor)));
        var threads = Enumerable.Range(0, senders).Select(id => new Thread(() =>
        {
            for (var i = 0; i < perSender; i++) checker.Tell(new Msg(id, i), null);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        ExpectMsg(0, TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Bursts_into_two_actors_at_once_stay_apart_and_in_order_while_pooled_segments_move_between_them()
    {
        // Each burst backs up dozens of full-size mailbox segments; consumed ones go to the shared pool and the
        // other receiver's mailbox rents them while its own producers are still sending.
        const int receivers = 2, senders = 3, perSender = 20_000;
        var producers = Enumerable.Range(0, receivers * senders).Select(_ => Sys.ActorOf(Props.Create<TaggedProducer>())).ToArray();
        for (var round = 0; round < 3; round++)
        {
            var checkers = Enumerable.Range(0, receivers)
                .Select(r => Sys.ActorOf(Props.Create(() => new TaggedChecker(r, senders, perSender, TestActor))))
                .ToArray();
            for (var n = 0; n < producers.Length; n++)
            {
                producers[n].Tell(new GoTagged(checkers[n % receivers], n % receivers, perSender, n / receivers));
            }
            var reports = Enumerable.Range(0, receivers).Select(_ => ExpectMsg<(int Id, int Violations)>(TimeSpan.FromSeconds(20))).ToList();
            Assert.Equal([0, 1], reports.Select(r => r.Id).Order());
            Assert.All(reports, r => Assert.Equal(0, r.Violations));
            foreach (var c in checkers) Sys.Stop(c);
        }
    }
}
