using Devp2p.Actors.Discovery;

namespace Devp2p.Actors.Tests.Discovery;

/// <summary>
/// Reply timeouts wait for the datagrams that reached the socket before them (decoded on the receive
/// loop, not yet handled), and for no others.
/// </summary>
public sealed class HeldReplyTimeoutsTests
{
    [Fact]
    public void A_timeout_with_nothing_on_its_way_is_due_at_once()
    {
        var held = new HeldReplyTimeouts();

        Assert.True(held.IsDue(replyId: 1, admitted: 5, taken: 5));
        Assert.Equal(0, held.Count);
        Assert.Empty(held.TakeDue(taken: 5));
    }

    [Fact]
    public void A_timeout_waits_for_the_datagrams_admitted_before_it_and_is_released_once()
    {
        var held = new HeldReplyTimeouts();

        Assert.False(held.IsDue(replyId: 1, admitted: 7, taken: 5));
        Assert.False(held.IsDue(replyId: 2, admitted: 9, taken: 5));
        Assert.Empty(held.TakeDue(taken: 6));
        Assert.Equal([1L], held.TakeDue(taken: 7));
        // Datagrams admitted after timeout 2 fired (10, 11, ...) do not hold it back.
        Assert.Equal([2L], held.TakeDue(taken: 9));
        Assert.Empty(held.TakeDue(taken: 12));
        Assert.Equal(0, held.Count);
    }

    [Fact]
    public void A_timeout_behind_held_ones_keeps_their_order_even_when_nothing_more_is_on_its_way()
    {
        var held = new HeldReplyTimeouts();

        Assert.False(held.IsDue(replyId: 1, admitted: 3, taken: 2));
        Assert.False(held.IsDue(replyId: 2, admitted: 3, taken: 3));
        Assert.Equal([1L, 2L], held.TakeDue(taken: 3));
    }

    [Fact]
    public void Random_interleavings_release_every_timeout_exactly_once_and_never_before_its_datagrams()
    {
        var random = new Random(8);
        for (int run = 0; run < 200; run++)
        {
            var held = new HeldReplyTimeouts();
            var marks = new Dictionary<long, long>();
            var released = new List<long>();
            long admitted = 0, taken = 0, nextId = 0;
            for (int step = 0; step < 100; step++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        admitted += random.Next(1, 4);
                        break;
                    case 1 when taken < admitted:
                        taken++;
                        foreach (var id in held.TakeDue(taken))
                        {
                            Assert.True(taken >= marks[id]);
                            released.Add(id);
                        }
                        break;
                    default:
                        long reply = ++nextId;
                        marks[reply] = admitted;
                        if (held.IsDue(reply, admitted, taken))
                            released.Add(reply);
                        break;
                }
            }
            while (taken < admitted)
                released.AddRange(held.TakeDue(++taken));
            released.AddRange(held.TakeDue(taken));

            Assert.Equal(marks.Keys.Order(), released.Order());
            Assert.Equal(released.Distinct().Count(), released.Count);
            Assert.Equal(0, held.Count);
        }
    }

    [Fact]
    public void The_intake_counts_admitted_datagrams_but_not_shed_ones_and_taken_ones_on_leave()
    {
        var intake = new DatagramIntake(capacity: 2);

        Assert.True(intake.TryEnter());
        Assert.True(intake.TryEnter());
        Assert.False(intake.TryEnter());
        Assert.Equal(2, intake.Admitted);
        Assert.Equal(0, intake.Taken);

        intake.Leave();
        Assert.Equal(1, intake.Taken);
        Assert.True(intake.TryEnter());
        Assert.Equal(3, intake.Admitted);
        Assert.Equal(1, intake.Shed);
    }
}
