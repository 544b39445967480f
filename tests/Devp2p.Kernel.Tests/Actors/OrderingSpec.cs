using Devp2p.Kernel.TestKit;
using Xunit.Abstractions;

namespace Devp2p.Kernel.Tests.Actors;

public sealed class OrderingSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private sealed record Msg(int Sender, int Seq);
    private sealed record Go(IActorRef Target, int Count, int Id);

    private sealed class Producer : ReceiveActor
    {
        public Producer() => Receive<Go>(g =>
        {
            for (var i = 0; i < g.Count; i++) g.Target.Tell(new Msg(g.Id, i));
        });
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
}
