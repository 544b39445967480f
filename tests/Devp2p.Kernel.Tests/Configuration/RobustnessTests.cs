using System.Diagnostics;
using System.Text;
using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>Hostile and huge inputs fail with a message (or succeed quickly), never with a stack overflow.</summary>
public class RobustnessTests
{
    [Theory]
    [InlineData("a = ", "[", 100_000)]
    [InlineData("a = ", "{ b = ", 100_000)]
    [InlineData("", "a { ", 100_000)]
    public void DeepNestingIsRejected(string prefix, string repeated, int count)
    {
        var text = prefix + string.Concat(Enumerable.Repeat(repeated, count));
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString(text));
        Assert.Contains("nesting deeper than 256 levels", error.Message);
        Assert.Equal(1, error.Origin!.Line);
    }

    [Fact]
    public void VeryLongDottedKeyIsRejected()
    {
        var text = string.Join('.', Enumerable.Repeat("k", 50_000)) + " = 1";
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString(text));
        Assert.Contains("nesting deeper than 256 levels", error.Message);
    }

    [Fact]
    public void NestingUpToTheLimitWorks()
    {
        var depth = 200;
        var text = string.Concat(Enumerable.Repeat("a { ", depth)) + "x = 1" + new string('}', depth);
        var config = ConfigFactory.ParseString(text);
        Assert.Equal(1, config.GetInt(string.Join('.', Enumerable.Repeat("a", depth)) + ".x"));
        Assert.NotEmpty(config.ToString());
    }

    [Fact]
    public void SubstitutionsCannotBuildAnUnboundedlyDeepTree()
    {
        // each level wraps the previous one 200 deep: 200 * 10 levels once resolved
        var wrap = string.Concat(Enumerable.Repeat("w { ", 200));
        var close = new string('}', 200);
        var text = new StringBuilder("k0 = 1\n");
        for (var i = 1; i <= 10; i++)
            text.Append($"k{i} {{ {wrap} v = ${{k{i - 1}}} {close} }}\n");
        var error = Assert.Throws<ConfigResolveException>(() => ConfigFactory.ParseString(text.ToString()).Resolve());
        Assert.Contains("nests deeper than 512 levels", error.Message);
    }

    [Fact]
    public void HugeFlatInputParsesQuickly()
    {
        var text = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
            text.Append("devp2p.section").Append(i % 100).Append(".key").Append(i).Append(" = ").Append(i).Append('\n');
        var watch = Stopwatch.StartNew();
        var config = ConfigFactory.ParseString(text.ToString());
        Assert.Equal(99_999, config.GetInt("devp2p.section99.key99999"));
        Assert.Equal(100_000, config.AsEnumerable().Count());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void HugeStringValue()
    {
        var big = new string('x', 2_000_000);
        Assert.Equal(big.Length, ConfigFactory.ParseString($"a = \"{big}\"\nb = {big}").GetString("b").Length);
    }

    [Fact]
    public void LongArrayAndLongConcatenation()
    {
        var items = string.Join(", ", Enumerable.Range(0, 100_000));
        Assert.Equal(100_000, ConfigFactory.ParseString($"a = [{items}]").GetIntList("a").Count);
        var words = string.Join(' ', Enumerable.Repeat("w", 50_000));
        Assert.Equal(words, ConfigFactory.ParseString($"a = {words}").GetString("a"));
    }

    [Fact]
    public void ManyDuplicateAssignmentsOfOneKey()
    {
        var text = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"a.b = {i}\na.c{i % 10} = x\n"));
        Assert.Equal(19_999, ConfigFactory.ParseString(text).GetInt("a.b"));
    }

    [Fact]
    public void ManyAppendsResolve()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => $"list += {i}\n"));
        Assert.Equal(Enumerable.Range(0, 200), ConfigFactory.ParseString(text).GetIntList("list"));
    }

    [Fact]
    public void DoublingSelfReferencesStayLinear()
    {
        var text = "a = [x]\n" + string.Concat(Enumerable.Repeat("a = ${a} ${a}\n", 20));
        var watch = Stopwatch.StartNew();
        Assert.Equal(1 << 20, ConfigFactory.ParseString(text).GetStringList("a").Count);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
