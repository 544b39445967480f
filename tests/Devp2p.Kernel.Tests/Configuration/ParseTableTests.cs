using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>A table of HOCON inputs and the value each one gives at a path.</summary>
public class ParseTableTests
{
    // input, path, expected value rendered as HOCON, expected type
    public static TheoryData<string, string, string, ConfigValueType> Cases => new()
    {
        // separators and objects
        { "a = 1", "a", "1", ConfigValueType.Number },
        { "a : 1", "a", "1", ConfigValueType.Number },
        { "a=1", "a", "1", ConfigValueType.Number },
        { "a { b = 1 }", "a.b", "1", ConfigValueType.Number },
        { "a {\n  b : x\n}", "a.b", "\"x\"", ConfigValueType.String },
        { "{ a = 1 }", "a", "1", ConfigValueType.Number },
        { "\n\n  {\n a = 1 \n}\n\n", "a", "1", ConfigValueType.Number },
        { "a.b.c = 1", "a.b.c", "1", ConfigValueType.Number },
        { "a.b { c = 1 }", "a.b.c", "1", ConfigValueType.Number },
        { "\"a.b\" = 1", "\"a.b\"", "1", ConfigValueType.Number },
        { "a.\"b.c\".d = 1", "a.\"b.c\".d", "1", ConfigValueType.Number },
        { "key with spaces = 1", "\"key with spaces\"", "1", ConfigValueType.Number },
        { "a = 1, b = 2", "b", "2", ConfigValueType.Number },
        { "a = 1\nb = 2", "b", "2", ConfigValueType.Number },
        { "a = 1\r\nb = 2\r\n", "b", "2", ConfigValueType.Number },
        { "a { b = 1, }", "a.b", "1", ConfigValueType.Number },
        { "a { b = 1, c = 2, }, d = 3,", "d", "3", ConfigValueType.Number },
        { "a = {}", "a", "{}", ConfigValueType.Object },
        // comments
        { "# comment\na = 1 # trailing", "a", "1", ConfigValueType.Number },
        { "// comment\na = 1 // trailing", "a", "1", ConfigValueType.Number },
        { "a = x # comment", "a", "\"x\"", ConfigValueType.String },
        // arrays
        { "a = [1, 2, 3]", "a", "[1, 2, 3]", ConfigValueType.Array },
        { "a = [1, 2, 3,]", "a", "[1, 2, 3]", ConfigValueType.Array },
        { "a = [\n  1\n  2\n]", "a", "[1, 2]", ConfigValueType.Array },
        { "a = []", "a", "[]", ConfigValueType.Array },
        { "a = [[1], [2, 3]]", "a", "[[1], [2, 3]]", ConfigValueType.Array },
        { "a = [ { x = 1 } ]", "a", "[{\n  x = 1\n}]", ConfigValueType.Array },
        // scalars
        { "a = true", "a", "true", ConfigValueType.Boolean },
        { "a = false", "a", "false", ConfigValueType.Boolean },
        { "a = null", "a", "null", ConfigValueType.Null },
        { "a = \"true\"", "a", "\"true\"", ConfigValueType.String },
        { "a = yes", "a", "\"yes\"", ConfigValueType.String },
        { "a = 1.5", "a", "1.5", ConfigValueType.Number },
        { "a = -3", "a", "-3", ConfigValueType.Number },
        { "a = 1e3", "a", "1e3", ConfigValueType.Number },
        { "a = 1.0", "a", "1.0", ConfigValueType.Number },
        { "a = 5s", "a", "\"5s\"", ConfigValueType.String },
        { "a = \"\"", "a", "\"\"", ConfigValueType.String },
        { "a = héllo wörld", "a", "\"héllo wörld\"", ConfigValueType.String },
        // quoted strings
        { "a = \"x\\ny\\t\\u0041\\\"\\\\\\/\"", "a", "\"x\\ny\\tA\\\"\\\\/\"", ConfigValueType.String },
        { "a = \"has # and // inside\"", "a", "\"has # and // inside\"", ConfigValueType.String },
        { "a = \"\"\"multi\nline \"quoted\" \\n\"\"\"", "a", "\"multi\\nline \\\"quoted\\\" \\\\n\"", ConfigValueType.String },
        { "a = \"\"\"x\"\"\"\"", "a", "\"x\\\"\"", ConfigValueType.String },
        // unquoted text and concatenation
        { "a = foo bar", "a", "\"foo bar\"", ConfigValueType.String },
        { "a = foo   bar   ", "a", "\"foo   bar\"", ConfigValueType.String },
        { "a = \"x\" \"y\"", "a", "\"x y\"", ConfigValueType.String },
        { "a = \"x\"\"y\"", "a", "\"xy\"", ConfigValueType.String },
        { "a = 1 2", "a", "\"1 2\"", ConfigValueType.String },
        { "a = 127.0.0.1:30303", "a", "\"127.0.0.1:30303\"", ConfigValueType.String },
        { "a = user@host.example", "a", "\"user@host.example\"", ConfigValueType.String },
        { "a = \"enode://abc@1.2.3.4:30303\"", "a", "\"enode://abc@1.2.3.4:30303\"", ConfigValueType.String },
        { "a = /var/lib/devp2p", "a", "\"/var/lib/devp2p\"", ConfigValueType.String },
        { "a = YWJjZA==", "a", "\"YWJjZA==\"", ConfigValueType.String },
        { "a = Devp2p.*", "a", "\"Devp2p.*\"", ConfigValueType.String },
        { "a = [1] [2, 3]", "a", "[1, 2, 3]", ConfigValueType.Array },
        { "a = { x = 1 } { y = 2 }", "a.y", "2", ConfigValueType.Number },
        { "a = { x = 1 } { y = 2 }", "a.x", "1", ConfigValueType.Number },
        // merging duplicates
        { "a = 1, a = 2", "a", "2", ConfigValueType.Number },
        { "a { x = 1 }, a { y = 2 }", "a.x", "1", ConfigValueType.Number },
        { "a { x = 1 }, a { y = 2 }", "a.y", "2", ConfigValueType.Number },
        { "a { x = 1 }, a.x = 3", "a.x", "3", ConfigValueType.Number },
        { "a { x = 1 }, a = 5", "a", "5", ConfigValueType.Number },
        { "a = 5, a { y = 1 }", "a", "{\n  y = 1\n}", ConfigValueType.Object },
        { "a { x = 1 }, a = null", "a", "null", ConfigValueType.Null },
        { "a { x { y = 1 } }, a { x { z = 2 } }", "a.x.y", "1", ConfigValueType.Number },
        // += and substitutions
        { "a = [1], a += 2", "a", "[1, 2]", ConfigValueType.Array },
        { "a += 1", "a", "[1]", ConfigValueType.Array },
        { "a += 1, a += 2", "a", "[1, 2]", ConfigValueType.Array },
        { "a { b += x }", "a.b", "[\"x\"]", ConfigValueType.Array },
        { "a = ${b}, b = 1", "a", "1", ConfigValueType.Number },
        { "b = /x, a = ${b}/sub", "a", "\"/x/sub\"", ConfigValueType.String },
        { "b = x, a = pre ${b} post", "a", "\"pre x post\"", ConfigValueType.String },
        { "b { c = 1 }, a = ${b.c}", "a", "1", ConfigValueType.Number },
        { "\"b.c\" = 1, a = ${\"b.c\"}", "a", "1", ConfigValueType.Number },
        { "b = [1], a = ${b} [2]", "a", "[1, 2]", ConfigValueType.Array },
        { "b { x = 1 }, a = ${b} { y = 2 }", "a.x", "1", ConfigValueType.Number },
        { "a = 1, a = ${a}", "a", "1", ConfigValueType.Number },
        { "p = a, p = ${p}:b", "p", "\"a:b\"", ConfigValueType.String },
        { "a = [x], a = ${a} [y], a = ${a} [z]", "a", "[\"x\", \"y\", \"z\"]", ConfigValueType.Array },
        { "a = 1, a = ${?nope.never.set}", "a", "1", ConfigValueType.Number },
        { "a = x ${?nope.never.set} y", "a", "\"x y\"", ConfigValueType.String },
        { "b = 1, a = [${b}, 2]", "a", "[1, 2]", ConfigValueType.Array },
        { "a = [${?nope.never.set}, 2]", "a", "[2]", ConfigValueType.Array },
        { "b = null, a = ${b}", "a", "null", ConfigValueType.Null },
        { "a = foo:", "a", "\"foo:\"", ConfigValueType.String },
        { "a = b=c", "a", "\"b=c\"", ConfigValueType.String },
        { "a = x//comment", "a", "\"x\"", ConfigValueType.String },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parses(string input, string path, string expected, ConfigValueType type)
    {
        var config = ConfigFactory.ParseString(input, "table.conf");
        var value = Find(config, path);
        Assert.NotNull(value);
        Assert.Equal(expected, value!.ToString());
        Assert.Equal(type, value.Type);
    }

    private static ConfigValue? Find(Config config, string path)
    {
        ConfigValue current = config.Root;
        foreach (var key in ConfigPath.Parse(path))
        {
            if (current is not ConfigObject obj || !obj.TryGetValue(key, out var next))
                return null;
            current = next;
        }
        return current;
    }

    [Theory]
    [InlineData("a = ${?nope.never.set}", "a")]
    [InlineData("a = ${?a}", "a")]
    [InlineData("a { b = ${?nope.never.set} }", "a.b")]
    public void OptionalSubstitutionWithoutValueRemovesTheField(string input, string path)
    {
        var config = ConfigFactory.ParseString(input);
        Assert.False(config.HasPath(path));
        Assert.DoesNotContain(config.AsEnumerable(), kv => kv.Key == path);
    }

    [Fact]
    public void ValuesRememberTheirOrigin()
    {
        var config = ConfigFactory.ParseString("a = 1\n\nb {\n    c = \"x\"\n}", "origin.conf");
        Assert.Equal(new ConfigOrigin("origin.conf", 1, 5), config.Origin("a"));
        Assert.Equal(new ConfigOrigin("origin.conf", 4, 9), config.Origin("b.c"));
        Assert.Equal("origin.conf line 4", config.Origin("b.c").ToString());
        Assert.Equal("<string>", ConfigFactory.ParseString("a = 1").Origin("a").Description);
    }

    [Fact]
    public void RenderingParsesBackToTheSameTree()
    {
        var text = """
            a { b = 1, c = [1, "two", { d = true }], "e.f" = null }
            g = "line\nbreak"
            h = 127.0.0.1:30303
            i = {}
            """;
        var config = ConfigFactory.ParseString(text);
        var rendered = config.ToString();
        var again = ConfigFactory.ParseString(rendered);
        Assert.Equal(rendered, again.ToString());
        Assert.Equal("line\nbreak", again.GetString("g"));
        Assert.Equal(ConfigValueType.Null, again.Root["a"] is ConfigObject a ? a["e.f"].Type : ConfigValueType.Object);
    }

    [Fact]
    public void AsEnumerableListsEveryLeafInSourceOrder()
    {
        var config = ConfigFactory.ParseString("z = 1\na { y = [1, 2], x { w = true } }\n\"k.dot\" = 2\nempty {}");
        Assert.Equal(["z", "a.y", "a.x.w", "\"k.dot\""], config.AsEnumerable().Select(kv => kv.Key));
    }

    [Fact]
    public void EmptyInputsGiveAnEmptyConfig()
    {
        Assert.True(ConfigFactory.ParseString("").IsEmpty);
        Assert.True(ConfigFactory.ParseString("  # only a comment\n\n").IsEmpty);
        Assert.True(ConfigFactory.ParseString("{}").IsEmpty);
        Assert.True(ConfigFactory.Empty.IsEmpty);
        Assert.Equal("", ConfigFactory.Empty.ToString());
    }

    [Fact]
    public void IncludeIsAnOrdinaryKeyWhenNotFollowedByAFileName()
    {
        var config = ConfigFactory.ParseString("include = 1\nx { include { a = 2 } }");
        Assert.Equal(1, config.GetInt("include"));
        Assert.Equal(2, config.GetInt("x.include.a"));
    }
}
