using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary><c>${path}</c>, <c>${?path}</c>, environment fallback, self-references and cycles.</summary>
public class SubstitutionTests
{
    private static Config Parse(string text) => ConfigFactory.ParseString(text, "subst.conf");

    [Fact]
    public void OptionalSubstitutionFallsBackToTheEnvironment()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "/home/tester");
        try
        {
            var config = Parse($"data-dir = /default\ndata-dir = ${{?{name}}}\ncache = ${{{name}}}/cache");
            Assert.Equal("/home/tester", config.GetString("data-dir"));
            Assert.Equal("/home/tester/cache", config.GetString("cache"));
            Assert.Equal("environment variable " + name, config.Origin("data-dir").Description);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void MissingOptionalEnvironmentVariableKeepsTheEarlierValue()
    {
        var name = "HOCON_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        var config = Parse($"data-dir = /default\ndata-dir = ${{?{name}}}");
        Assert.Equal("/default", config.GetString("data-dir"));
    }

    [Fact]
    public void ConfigValueWinsOverEnvironmentVariable()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.Equal("from-config", Parse($"{name} = from-config\nx = ${{{name}}}").GetString("x"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void RequiredSubstitutionThatResolvesNowhereNamesKeyFileAndLine()
    {
        var error = Assert.Throws<ConfigResolveException>(() => Parse("a = 1\nb {\n  c = ${nope.missing}\n}").GetInt("a"));
        Assert.Equal(
            "b.c: could not resolve substitution ${nope.missing}: no such key and no environment variable nope.missing (at subst.conf line 3 column 7)",
            error.Message);
        Assert.Equal("b.c", error.Path);
        Assert.Equal(3, error.Origin!.Line);
    }

    [Fact]
    public void ResolveSurfacesErrorsEagerly()
    {
        var config = Parse("a = ${missing}");
        Assert.Throws<ConfigResolveException>(() => config.Resolve());
        Assert.Contains("${missing}", config.ToString()); // ToString falls back to the unresolved form
    }

    [Fact]
    public void CycleIsReportedWithTheChain()
    {
        var error = Assert.Throws<ConfigResolveException>(() => Parse("a = ${b}\nb = ${c}\nc = ${a}").Resolve());
        Assert.Contains("substitution cycle: a -> b -> c -> a", error.Message);
        Assert.Contains("subst.conf line 3 column 5", error.Message);
    }

    [Fact]
    public void SelfReferenceWithoutEarlierValueIsAnError()
    {
        var error = Assert.Throws<ConfigResolveException>(() => Parse("a = ${a}").Resolve());
        Assert.Equal("a: ${a} refers to the field itself and there is no earlier value (at subst.conf line 1 column 5)", error.Message);
    }

    [Fact]
    public void ObjectCanReferToItsOwnEarlierValue()
    {
        var config = Parse("a { x = 1 }\na = ${a} { y = 2 }");
        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void SpecExampleFieldsSeeTheMergedObject()
    {
        // From the HOCON spec: baz sees the later foo, 43.
        var config = Parse("bar : { foo : 42, baz : ${bar.foo} }\nbar : { foo : 43 }");
        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void SubstitutionsChainAndAreConsistent()
    {
        var config = Parse("a = ${b}\nb = ${c}\nc = [1, 2]\nd = ${a} ${b}");
        Assert.Equal([1, 2], config.GetIntList("a"));
        Assert.Equal([1, 2, 1, 2], config.GetIntList("d"));
    }

    [Fact]
    public void SubstitutionOfAWholeObjectCopiesIt()
    {
        var config = Parse("defaults { timeout = 5s, retries = 3 }\nclient = ${defaults}\nclient.retries = 5");
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("client.timeout"));
        Assert.Equal(5, config.GetInt("client.retries"));
        Assert.Equal(3, config.GetInt("defaults.retries"));
    }

    [Fact]
    public void SubstitutionIntoAStackedObjectFindsTheRightLevel()
    {
        var config = Parse("base { c = 1 }\na = ${base}\na { b = ${a.c} }");
        Assert.Equal(1, config.GetInt("a.b"));
    }

    [Fact]
    public void MixingArraysAndStringsInAConcatenationIsAnError()
    {
        var error = Assert.Throws<ConfigResolveException>(() => Parse("b = foo\na = [1] ${b}").Resolve());
        Assert.StartsWith("a: cannot concatenate array and string values", error.Message);
        Assert.EndsWith("(at subst.conf line 2 column 5)", error.Message);

        var parseTime = Assert.Throws<ConfigParseException>(() => Parse("a = [1] foo"));
        Assert.StartsWith("parse error at subst.conf line 1 column 5: cannot concatenate", parseTime.Message);
    }

    [Fact]
    public void SubstitutionThroughANonObjectIsNotFound()
    {
        var error = Assert.Throws<ConfigResolveException>(() => Parse("a = 1\nb = ${a.x}").Resolve());
        Assert.Contains("could not resolve substitution ${a.x}", error.Message);
    }

    [Fact]
    public void LongChainsResolveAndOverlyLongChainsFailCleanly()
    {
        // written last key first, so resolving the first key walks the whole chain
        static string Chain(int n) =>
            string.Concat(Enumerable.Range(1, n).Reverse().Select(i => $"k{i} = ${{k{i - 1}}}\n")) + "k0 = 1\n";

        Assert.Equal(1, ConfigFactory.ParseString(Chain(100)).GetInt("k100"));
        var error = Assert.Throws<ConfigResolveException>(() => ConfigFactory.ParseString(Chain(1000)).Resolve());
        Assert.Contains("more than 256 deep", error.Message);
    }

    [Fact]
    public void DoublingSubstitutionsResolveOnceEach()
    {
        // each key refers twice to the previous one: 2^60 lookups without the lookup cache
        var text = "k0 = 1\n" + string.Concat(Enumerable.Range(1, 60).Select(i => $"k{i} {{ a = ${{k{i - 1}}}, b = ${{k{i - 1}}} }}\n"));
        var config = ConfigFactory.ParseString(text);
        var path = "k60" + string.Concat(Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? ".a" : ".b"));
        Assert.Equal(1, config.GetInt(path));
    }
}
