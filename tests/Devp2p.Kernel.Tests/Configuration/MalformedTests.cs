using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>Malformed texts, each with the line and column the error must point at.</summary>
public class MalformedTests
{
    public static TheoryData<string, int, int, string> Cases => new()
    {
        // unterminated strings and substitutions
        { "a = \"abc", 1, 5, "unterminated quoted string" },
        { "a = 1\nb = \"x\ny\"", 2, 5, "unterminated quoted string" },
        { "a = \"\"\"never closed\n\n", 1, 5, "unterminated triple-quoted string" },
        { "a = ${b", 1, 5, "unterminated substitution" },
        { "a = ${}", 1, 5, "bad substitution ${}: empty path" },
        { "a = \"bad \\q escape\"", 1, 10, "bad escape sequence" },
        // missing values and separators
        { "a = \nb = 1", 1, 5, "expected a value for key \"a\" but got end of line" },
        { "a =", 1, 4, "expected a value for key \"a\" but got end of input" },
        { "a { b = }", 1, 9, "expected a value for key \"b\" but got '}'" },
        { "\n\n\nfoo\n", 4, 4, "expected '=' ':' or '{' after key \"foo\" but got end of line" },
        { "a = 1\n   foo bar", 2, 11, "expected '=' ':' or '{' after key \"foo bar\" but got end of input" },
        { "a = 1 = 2", 1, 7, "expected ',' or a new line after a field but got '='" },
        { "a = 1,, b = 2", 1, 7, "expected a key but got ','" },
        { "a = [1,,2]", 1, 8, "expected a value in the array but got ','" },
        { "a = [1 2 : 3]", 1, 10, "expected ',' or ']' in the array but got ':'" },
        { "a..b = 1", 1, 1, "empty key segment in \"a..b\"" },
        { ".a = 1", 1, 1, "empty key segment" },
        // bad tokens
        { "a = `x`", 1, 5, "character '`' is not allowed in unquoted text" },
        { "a = pa$$word", 1, 7, "character '$' is not allowed in unquoted text" },
        { "a = 1\n]", 2, 1, "expected a key but got ']'" },
        { "${x} = 1", 1, 1, "expected a key but got ${x}" },
        { "a = http://example.org", 1, 10, "'//' right after ':' starts a comment, so a URL such as enode://... must be quoted" },
        { "[1, 2]", 1, 1, "the root of a config must be an object, not an array" },
        // unbalanced braces and brackets
        { "a {\n  b = 1\n", 3, 1, "end of input: '{' at line 1 column 3 is never closed (unbalanced braces)" },
        { "a = 1\n}", 2, 1, "unexpected '}' (unbalanced braces: no '{' is open)" },
        { "{ a = 1 }\n}", 2, 1, "unexpected '}' after the closing '}' of the root object" },
        { "{ a = 1", 1, 8, "end of input: '{' at line 1 column 1 is never closed" },
        { "a = [1, 2\nb = 3", 2, 3, "expected ',' or ']' in the array but got '='" },
        { "a = [1, 2\n", 2, 1, "end of input: '[' at line 1 column 5 is never closed" },
        { "a { b { c = 1 }\nd = 2", 2, 6, "end of input: '{' at line 1 column 3 is never closed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsLineAndColumn(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString(text, "bad.conf"));
        Assert.Equal(new ConfigOrigin("bad.conf", line, column), error.Origin);
        Assert.StartsWith(reason, error.Reason);
        Assert.StartsWith($"parse error at bad.conf line {line} column {column}: ", error.Message);
    }

    [Fact]
    public void MessageFormatMatchesTheDocumentedOne()
    {
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString("a = 1\nb = 2\nc = 3\nfoo = 4 foo\nfoo\n", "node.conf"));
        Assert.Equal("parse error at node.conf line 5 column 4: expected '=' ':' or '{' after key \"foo\" but got end of line", error.Message);
    }

    [Fact]
    public void SubstitutionCycleNamesTheLine()
    {
        var config = ConfigFactory.ParseString("x = 1\na = ${b}\nb = ${a}", "cycle.conf");
        var error = Assert.Throws<ConfigResolveException>(() => config.GetInt("x"));
        Assert.Equal("b: substitution cycle: a -> b -> a (at cycle.conf line 3 column 5)", error.Message);
    }
}
