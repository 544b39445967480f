using Devp2p.Protocol.P2p;

namespace Devp2p.Protocol.Tests.P2p;

public class CapabilityMatcherTests
{
    private static readonly LocalCapability[] Ours =
    [
        new("eth", 66, 17), new("eth", 67, 17), new("eth", 68, 17), new("snap", 1, 8), new("echo", 1, 2),
    ];

    [Fact]
    public void Highest_shared_version_per_name_sorted_by_name_with_consecutive_offsets()
    {
        var remote = new[] { new Capability("snap", 1), new Capability("eth", 67), new Capability("eth", 66), new Capability("echo", 1) };
        var matched = CapabilityMatcher.Match(Ours, remote);
        Assert.Equal(
            [new MatchedCapability("echo", 1, 0x10, 2), new MatchedCapability("eth", 67, 0x12, 17), new MatchedCapability("snap", 1, 0x23, 8)],
            matched);
    }

    [Fact]
    public void A_version_only_one_side_runs_is_not_matched()
    {
        var matched = CapabilityMatcher.Match(Ours, [new Capability("eth", 69), new Capability("eth", 68), new Capability("les", 4)]);
        Assert.Equal([new MatchedCapability("eth", 68, 0x10, 17)], matched);
    }

    [Fact]
    public void Nothing_shared_gives_an_empty_table()
    {
        Assert.Empty(CapabilityMatcher.Match(Ours, [new Capability("bzz", 1), new Capability("ETH", 68)]));
        Assert.Empty(CapabilityMatcher.Match([], [new Capability("eth", 68)]));
    }

    [Fact]
    public void Duplicates_on_the_remote_side_do_not_shift_offsets()
    {
        var matched = CapabilityMatcher.Match(Ours, [new Capability("echo", 1), new Capability("echo", 1), new Capability("snap", 1)]);
        Assert.Equal([new MatchedCapability("echo", 1, 0x10, 2), new MatchedCapability("snap", 1, 0x12, 8)], matched);
    }

    [Fact]
    public void Both_sides_compute_the_same_table()
    {
        LocalCapability[] theirs = [new("snap", 1, 8), new("eth", 68, 17), new("eth", 67, 17), new("les", 4, 23)];
        var fromUs = CapabilityMatcher.Match(Ours, theirs.Select(c => c.Capability).ToArray());
        var fromThem = CapabilityMatcher.Match(theirs, Ours.Select(c => c.Capability).ToArray());
        Assert.Equal(fromUs, fromThem);
        Assert.Equal([new MatchedCapability("eth", 68, 0x10, 17), new MatchedCapability("snap", 1, 0x21, 8)], fromUs);
    }

    [Fact]
    public void Names_sort_ordinally_not_culturally()
    {
        LocalCapability[] ours = [new("a", 1, 1), new("B", 1, 3), new("b", 1, 5)];
        var matched = CapabilityMatcher.Match(ours, [new Capability("b", 1), new Capability("a", 1), new Capability("B", 1)]);
        Assert.Equal(["B", "a", "b"], matched.Select(m => m.Name));
        Assert.Equal([0x10UL, 0x13UL, 0x14UL], matched.Select(m => m.Offset));
    }

    [Fact]
    public void A_non_positive_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => CapabilityMatcher.Match([new LocalCapability("x", 1, 0)], [new Capability("x", 1)]));
    }
}
