using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>Typed getters: conversions, defaults, and the messages of wrong types.</summary>
public class GetterTests
{
    private static readonly Config Config = ConfigFactory.ParseString("""
        int = 42
        int-string = "42"
        neg = -7
        big = 9999999999
        frac = 1.5
        exp = 1e3
        word = fifty
        t = true
        f = false
        yes = yes
        off = OFF
        nothing = null
        list = [a, b, 3]
        ints = [1, 2, "3"]
        bad-ints = [1, two, 3]
        obj { x = 1 }
        """, "get.conf");

    [Fact]
    public void Numbers()
    {
        Assert.Equal(42, Config.GetInt("int"));
        Assert.Equal(42, Config.GetInt("int-string"));
        Assert.Equal(-7, Config.GetInt("neg"));
        Assert.Equal(9999999999L, Config.GetLong("big"));
        Assert.Equal(1000, Config.GetInt("exp"));
        Assert.Equal(1.5, Config.GetDouble("frac"));
        Assert.Equal(42.0, Config.GetDouble("int"));
    }

    [Fact]
    public void Strings()
    {
        Assert.Equal("fifty", Config.GetString("word"));
        Assert.Equal("42", Config.GetString("int"));
        Assert.Equal("1.5", Config.GetString("frac"));
        Assert.Equal("true", Config.GetString("t"));
    }

    [Theory]
    [InlineData("t", true)]
    [InlineData("f", false)]
    [InlineData("yes", true)]
    [InlineData("off", false)]
    public void Booleans(string path, bool expected) => Assert.Equal(expected, Config.GetBoolean(path));

    [Fact]
    public void Lists()
    {
        Assert.Equal(["a", "b", "3"], Config.GetStringList("list"));
        Assert.Equal([1, 2, 3], Config.GetIntList("ints"));
        Assert.Equal([1L, 2L, 3L], Config.GetLongList("ints"));
        Assert.Equal([1.0, 2.0, 3.0], Config.GetDoubleList("ints"));
        Assert.Equal([true, false], ConfigFactory.ParseString("b = [on, false]").GetBooleanList("b"));
    }

    [Fact]
    public void DefaultsApplyOnlyWhenMissingOrNull()
    {
        Assert.Equal(5, Config.GetInt("missing", 5));
        Assert.Equal(5, Config.GetInt("nothing", 5));
        Assert.Equal(42, Config.GetInt("int", 5));
        Assert.Equal("d", Config.GetString("missing.deep.path", "d"));
        Assert.Null(Config.GetString("missing", null));
        Assert.True(Config.GetBoolean("missing", true));
        Assert.Equal(7L, Config.GetLong("missing", 7));
        Assert.Equal(0.5, Config.GetDouble("missing", 0.5));
        Assert.Equal(TimeSpan.FromSeconds(3), Config.GetTimeSpan("missing", TimeSpan.FromSeconds(3)));
        Assert.Equal(64L, Config.GetByteSize("missing", 64));
        Assert.Equal(["x"], Config.GetStringList("missing", ["x"]));
        Assert.Throws<ConfigWrongTypeException>(() => Config.GetInt("word", 5));
    }

    [Fact]
    public void HasPath()
    {
        Assert.True(Config.HasPath("int"));
        Assert.True(Config.HasPath("obj"));
        Assert.True(Config.HasPath("obj.x"));
        Assert.False(Config.HasPath("nothing"));
        Assert.False(Config.HasPath("missing"));
        Assert.False(Config.HasPath("obj.y.z"));
    }

    [Fact]
    public void WrongTypeMessageNamesKeyFileAndLine()
    {
        var text = string.Concat(Enumerable.Repeat("\n", 11)) + "devp2p.server.max-peers = fifty";
        var config = ConfigFactory.ParseString(text, "/etc/node.conf");
        var error = Assert.Throws<ConfigWrongTypeException>(() => config.GetInt("devp2p.server.max-peers"));
        Assert.Equal("devp2p.server.max-peers: expected an int but got string \"fifty\" (at /etc/node.conf line 12)", error.Message);
        Assert.Equal("devp2p.server.max-peers", error.Path);
        Assert.Equal(12, error.Origin!.Line);
    }

    [Theory]
    [InlineData("frac", "int", "frac: expected an int but got number 1.5: not a whole number (at get.conf line 5)")]
    [InlineData("big", "int", "big: expected an int but got number 9999999999: out of range (at get.conf line 4)")]
    [InlineData("obj", "int", "obj: expected an int but got object (at get.conf line 16)")]
    [InlineData("list", "string", "list: expected a string but got array of 3 (at get.conf line 13)")]
    [InlineData("word", "bool", "word: expected a boolean but got string \"fifty\": use true/false, yes/no or on/off (at get.conf line 7)")]
    [InlineData("word", "double", "word: expected a number but got string \"fifty\" (at get.conf line 7)")]
    [InlineData("int", "config", "int: expected an object but got number 42 (at get.conf line 1)")]
    [InlineData("int", "list", "int: expected a list of a string but got number 42 (at get.conf line 1)")]
    [InlineData("bad-ints", "intlist", "bad-ints[1]: expected an int but got string \"two\" (at get.conf line 15)")]
    [InlineData("int.x", "int", "int.x: expected int to be an object but got number 42 (at get.conf line 1)")]
    public void WrongTypes(string path, string getter, string message)
    {
        Action get = getter switch
        {
            "int" => () => Config.GetInt(path),
            "string" => () => Config.GetString(path),
            "bool" => () => Config.GetBoolean(path),
            "double" => () => Config.GetDouble(path),
            "config" => () => Config.GetConfig(path),
            "list" => () => Config.GetStringList(path),
            "intlist" => () => Config.GetIntList(path),
            _ => throw new ArgumentException(getter),
        };
        var error = Assert.ThrowsAny<ConfigException>(get);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void NullIsReportedAsNull()
    {
        var error = Assert.Throws<ConfigMissingException>(() => Config.GetString("nothing"));
        Assert.Equal("nothing is null (at get.conf line 12)", error.Message);
    }

    [Fact]
    public void BadPathExpression()
    {
        var error = Assert.Throws<ConfigException>(() => Config.GetInt("a..b"));
        Assert.Contains("bad path expression \"a..b\"", error.Message);
    }

    [Fact]
    public void SubConfigGettersAndRoot()
    {
        var obj = Config.GetConfig("obj");
        Assert.Equal(1, obj.GetInt("x"));
        Assert.Equal(["x"], obj.Root.Keys);
        Assert.Equal(["x"], obj.AsEnumerable().Select(kv => kv.Key));
        Assert.Equal("x = 1\n", obj.ToString());
    }

    [Fact]
    public void ConfigIsSafeToReadFromManyThreads()
    {
        var config = ConfigFactory.ParseString("a = ${b}\nb = 3");
        var results = new int[16];
        Parallel.For(0, results.Length, i => results[i] = config.GetInt("a"));
        Assert.All(results, r => Assert.Equal(3, r));
    }
}
