using Devp2p.Fuzzing;
using Devp2p.Fuzzing.Mutation;
using Devp2p.Protocol.Rlp;

namespace Devp2p.Protocol.Tests.Fuzzing;

/// <summary>The mutators do what their names say, on real encodings, and deterministically.</summary>
public class MutatorTests
{
    private static readonly byte[] Sample = RlpItem.List(
        RlpItem.FromUInt64(5),
        RlpItem.FromBytes(new byte[70]),
        RlpItem.List(RlpItem.FromUtf8("eth"), RlpItem.FromUInt64(68))).Encode();

    [Fact]
    public void Layout_finds_every_item_of_a_valid_encoding()
    {
        var items = RlpLayout.Scan(Sample);
        Assert.Equal(6, items.Count);
        Assert.Equal(new RlpSpan(0, 2, Sample.Length - 2, true), items[0]);
        Assert.Equal(new RlpSpan(3, 2, 70, false), items[2]);
        Assert.True(items[3].IsList);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(55)]
    [InlineData(3000)]
    public void Nested_lists_are_valid_rlp_of_the_requested_depth(int depth)
    {
        var bomb = Mutator.NestedLists(depth);
        RlpCodec.Validate(bomb);
        int seen = 0;
        var item = RlpItem.Decode(bomb);
        while (item.Items.Count == 1)
        {
            item = item.Items[0];
            seen++;
        }
        Assert.Equal(depth, seen);
        Assert.Empty(item.Items);
    }

    [Fact]
    public void Huge_length_makes_an_item_claim_more_than_the_input_holds()
    {
        int tooLarge = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var mutated = Mutator.Apply(MutationKind.HugeLength, Sample, new FuzzCaseRandom((ulong)seed));
            var error = Assert.Throws<RlpException>(() => RlpCodec.Validate(mutated));
            if (error.Error is RlpError.ValueTooLarge or RlpError.ElementTooLarge or RlpError.SizeOverflow)
                tooLarge++;
        }
        Assert.True(tooLarge >= 160, $"only {tooLarge} of 200 mutations made a length too large");
    }

    [Fact]
    public void Duplicating_an_item_keeps_its_bytes_next_to_the_original()
    {
        var mutated = Mutator.Apply(MutationKind.DuplicateItem, Sample, new FuzzCaseRandom(9));
        Assert.True(mutated.Length > Sample.Length);
        int added = mutated.Length - Sample.Length;
        Assert.Contains(RlpLayout.Scan(Sample), i => i.Length == added);
    }

    [Fact]
    public void Every_kind_changes_the_input_and_is_deterministic()
    {
        foreach (var kind in Enum.GetValues<MutationKind>())
        {
            int changed = 0;
            for (int seed = 0; seed < 20; seed++)
            {
                var a = Mutator.Apply(kind, Sample, new FuzzCaseRandom((ulong)seed));
                var b = Mutator.Apply(kind, Sample, new FuzzCaseRandom((ulong)seed));
                Assert.Equal(a, b);
                if (!a.AsSpan().SequenceEqual(Sample))
                    changed++;
            }
            Assert.True(changed >= 15, $"{kind} changed only {changed} of 20 inputs");
        }
    }

    [Fact]
    public void Signature_damage_stays_inside_the_signature_and_changes_it()
    {
        int changed = 0;
        for (int seed = 0; seed < 50; seed++)
        {
            var buffer = new byte[100];
            var original = new byte[65];
            new Random(seed).NextBytes(original);
            original.CopyTo(buffer, 10);
            SignatureMutator.Mutate(buffer.AsSpan(10, 65), new FuzzCaseRandom((ulong)seed));
            Assert.All(buffer[..10], b => Assert.Equal(0, b));
            Assert.All(buffer[75..], b => Assert.Equal(0, b));
            if (!buffer.AsSpan(10, 65).SequenceEqual(original))
                changed++;
        }
        Assert.True(changed >= 40, $"only {changed} of 50 signatures changed");
    }
}
