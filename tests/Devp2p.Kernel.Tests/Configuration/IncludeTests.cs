using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary><c>include</c>: relative paths, nesting, missing files, cycles, errors inside included files.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void IncludesAreRelativeToTheIncludingFile()
    {
        _dir.Write("conf/sub/net.conf", "port = 30303\ninclude \"deeper/limits.conf\"");
        _dir.Write("conf/sub/deeper/limits.conf", "max-peers = 25");
        var main = _dir.Write("conf/node.conf", "include \"sub/net.conf\"\nname = node1");

        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(30303, config.GetInt("port"));
        Assert.Equal(25, config.GetInt("max-peers"));
        Assert.Equal("node1", config.GetString("name"));
        Assert.EndsWith(Path.Combine("deeper", "limits.conf"), config.Origin("max-peers").Description);
        Assert.Equal(1, config.Origin("max-peers").Line);
    }

    [Fact]
    public void LaterFieldsOverrideIncludedOnesAndIncludedOverrideEarlier()
    {
        _dir.Write("inc.conf", "a = included\nb = included\nobj { x = 1 }");
        var main = _dir.Write("main.conf", "a = before\ninclude \"inc.conf\"\nb = after\nobj { y = 2 }");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal("included", config.GetString("a"));
        Assert.Equal("after", config.GetString("b"));
        Assert.Equal(1, config.GetInt("obj.x"));
        Assert.Equal(2, config.GetInt("obj.y"));
    }

    [Fact]
    public void IncludeInsideAnObjectNestsItsKeysAndSubstitutions()
    {
        _dir.Write("server.conf", "port = 30303\nlisten = \"0.0.0.0:\"${port}\npeers += a");
        var main = _dir.Write("main.conf", "top = 1\ndevp2p.server { include \"server.conf\" }\nuse-top = ${top}");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(30303, config.GetInt("devp2p.server.port"));
        Assert.Equal("0.0.0.0:30303", config.GetString("devp2p.server.listen"));
        Assert.Equal(["a"], config.GetStringList("devp2p.server.peers"));
        Assert.False(config.HasPath("port"));
    }

    [Fact]
    public void NestedIncludeSubstitutionsFallBackToTheRootAndTheEnvironment()
    {
        var name = "HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            _dir.Write("part.conf", $"shared = ${{top}}\nenv = ${{?{name}}}");
            var main = _dir.Write("main.conf", "top = 7\nsection { include \"part.conf\" }");
            var config = ConfigFactory.ParseFile(main);
            Assert.Equal(7, config.GetInt("section.shared"));
            Assert.Equal("from-env", config.GetString("section.env"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void RequiredAndFileFormsAreAccepted()
    {
        _dir.Write("a.conf", "a = 1");
        _dir.Write("b.conf", "b = 2");
        var main = _dir.Write("main.conf", "include required(\"a.conf\")\ninclude file( \"b.conf\" )");
        var config = ConfigFactory.ParseFile(main);
        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
    }

    [Fact]
    public void ParseStringIncludesRelativeToTheGivenDirectory()
    {
        _dir.Write("x.conf", "x = 5");
        Assert.Equal(5, ConfigFactory.ParseString("include \"x.conf\"", "<string>", _dir.Path).GetInt("x"));
    }

    [Fact]
    public void MissingIncludeNamesTheFileAndTheIncludingLine()
    {
        var main = _dir.Write("main.conf", "a = 1\n  include \"nope.conf\"");
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));
        Assert.Equal(2, error.Origin!.Line);
        Assert.Equal(3, error.Origin.Column);
        Assert.Contains("include file \"nope.conf\" not found", error.Message);
        Assert.Contains(Path.Combine(_dir.Path, "nope.conf"), error.Message);
    }

    [Fact]
    public void IncludeCycleIsDetected()
    {
        _dir.Write("a.conf", "a = 1\ninclude \"b.conf\"");
        _dir.Write("b.conf", "b = 1\ninclude \"a.conf\"");
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(Path.Combine(_dir.Path, "a.conf")));
        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", error.Message);
        Assert.EndsWith("b.conf", error.Origin!.Description);
        Assert.Equal(2, error.Origin.Line);
    }

    [Fact]
    public void SelfIncludeIsDetected()
    {
        var main = _dir.Write("self.conf", "include \"self.conf\"");
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));
        Assert.Contains("include cycle: self.conf -> self.conf", error.Message);
    }

    [Fact]
    public void ErrorInsideAnIncludedFileNamesThatFile()
    {
        _dir.Write("bad.conf", "ok = 1\nbroken = \"unterminated");
        var main = _dir.Write("main.conf", "include \"bad.conf\"");
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseFile(main));
        Assert.Equal($"parse error at {Path.Combine(_dir.Path, "bad.conf")} line 2 column 10: unterminated quoted string (a \"...\" string must close on the same line; use \"\"\"...\"\"\" for several lines)", error.Message);
    }

    [Theory]
    [InlineData("include classpath(\"x.conf\")", "is not supported")]
    [InlineData("include required(x.conf)", "expected a quoted file name")]
    [InlineData("include required(\"x.conf\"", "expected ')'")]
    public void BadIncludeSyntax(string text, string expected)
    {
        var error = Assert.Throws<ConfigParseException>(() => ConfigFactory.ParseString(text, "main.conf", _dir.Path));
        Assert.Contains(expected, error.Message);
        Assert.Equal(1, error.Origin!.Line);
    }

    [Fact]
    public void ParseFileOfAMissingFileNamesIt()
    {
        var path = Path.Combine(_dir.Path, "missing.conf");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(path));
        Assert.Equal($"cannot read config file {path}: file not found", error.Message);
    }

    [Fact]
    public void ErrorsFromParseFileUseThePathAsGiven()
    {
        _dir.Write("node.conf", "devp2p.server.max-peers = fifty");
        var previous = Directory.GetCurrentDirectory();
        var config = ConfigFactory.ParseFile(Path.Combine(_dir.Path, "node.conf"));
        var error = Assert.Throws<ConfigWrongTypeException>(() => config.GetInt("devp2p.server.max-peers"));
        Assert.Equal($"devp2p.server.max-peers: expected an int but got string \"fifty\" (at {Path.Combine(_dir.Path, "node.conf")} line 1)", error.Message);
        Assert.Equal(previous, Directory.GetCurrentDirectory());
    }
}
