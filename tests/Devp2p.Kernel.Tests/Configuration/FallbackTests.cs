using Devp2p.Kernel.Configuration;

namespace Devp2p.Kernel.Tests.Configuration;

/// <summary>User config over reference config: overrides, object merging, substitutions across the chain.</summary>
public class FallbackTests
{
    private static Config Parse(string text, string origin) => ConfigFactory.ParseString(text, origin);

    private static readonly Config Reference = Parse("""
        devp2p {
          server {
            max-peers = 25
            port = 30303
            listen = "0.0.0.0:"${devp2p.server.port}
            bootnodes = ["enode://a@1.1.1.1:30303"]
          }
          log-level = info
        }
        """, "reference.conf");

    [Fact]
    public void UserValuesWinAndObjectsMerge()
    {
        var user = Parse("devp2p.server.max-peers = 50", "node.conf");
        var config = user.WithFallback(Reference);
        Assert.Equal(50, config.GetInt("devp2p.server.max-peers"));
        Assert.Equal(30303, config.GetInt("devp2p.server.port"));
        Assert.Equal("info", config.GetString("devp2p.log-level"));
        Assert.Equal("node.conf", config.Origin("devp2p.server.max-peers").Description);
        Assert.Equal("reference.conf", config.Origin("devp2p.server.port").Description);
    }

    [Fact]
    public void ReferenceSubstitutionsSeeUserOverrides()
    {
        var config = Parse("devp2p.server.port = 40404", "node.conf").WithFallback(Reference);
        Assert.Equal("0.0.0.0:40404", config.GetString("devp2p.server.listen"));
        Assert.Equal("0.0.0.0:30303", Reference.GetString("devp2p.server.listen"));
    }

    [Fact]
    public void UserSubstitutionsSeeReferenceValues()
    {
        var user = Parse("devp2p.dial-ratio = ${devp2p.server.max-peers}", "node.conf");
        Assert.Equal(25, user.WithFallback(Reference).GetInt("devp2p.dial-ratio"));
        Assert.Throws<ConfigResolveException>(() => user.GetInt("devp2p.dial-ratio"));
    }

    [Fact]
    public void UserCanAppendToAReferenceList()
    {
        var user = Parse("devp2p.server.bootnodes = ${devp2p.server.bootnodes} [\"enode://b@2.2.2.2:30303\"]", "node.conf");
        var config = user.WithFallback(Reference);
        Assert.Equal(["enode://a@1.1.1.1:30303", "enode://b@2.2.2.2:30303"], config.GetStringList("devp2p.server.bootnodes"));

        var appended = Parse("devp2p.server.bootnodes += \"enode://c@3.3.3.3:30303\"", "node.conf").WithFallback(Reference);
        Assert.Equal(2, appended.GetStringList("devp2p.server.bootnodes").Count);
    }

    [Fact]
    public void PrecedenceChainCodeOverCommandLineOverEnvironmentOverFileOverReference()
    {
        var file = Parse("devp2p { log-level = debug, server.max-peers = 10, server.port = 1 }", "node.conf");
        var env = ConfigFactory.FromVariables([new("DEVP2P_SERVER__MAX_PEERS", "20"), new("DEVP2P_SERVER__PORT", "2")]);
        var commandLine = Parse("devp2p.server.port = 3", "<command line>");
        var code = ConfigFactory.FromPairs([new("devp2p.server.port", 4)]);

        var config = code.WithFallback(commandLine).WithFallback(env).WithFallback(file).WithFallback(Reference);

        Assert.Equal(4, config.GetInt("devp2p.server.port"));
        Assert.Equal(20, config.GetInt("devp2p.server.max-peers"));
        Assert.Equal("debug", config.GetString("devp2p.log-level"));
        Assert.Equal("0.0.0.0:4", config.GetString("devp2p.server.listen"));
        Assert.Equal(["<code>", "<command line>", "<env>", "node.conf", "reference.conf"], config.Sources);
        Assert.Equal("environment variable DEVP2P_SERVER__MAX_PEERS", config.Origin("devp2p.server.max-peers").Description);
    }

    [Fact]
    public void MissingKeyNamesTheFileAndItsFallbacks()
    {
        var single = Assert.Throws<ConfigMissingException>(() => Parse("a = 1", "node.conf").GetInt("devp2p.x.y"));
        Assert.Equal("devp2p.x.y is missing (no value in node.conf)", single.Message);
        Assert.Equal("devp2p.x.y", single.Path);

        var chained = Assert.Throws<ConfigMissingException>(() => Parse("a = 1", "node.conf").WithFallback(Reference).GetInt("devp2p.x.y"));
        Assert.Equal("devp2p.x.y is missing (no value in node.conf or its fallbacks: reference.conf)", chained.Message);

        var empty = Assert.Throws<ConfigMissingException>(() => ConfigFactory.Empty.GetString("a"));
        Assert.Equal("a is missing (the config is empty)", empty.Message);
    }

    [Fact]
    public void WithFallbackOfEmptyOrNullIsIdentity()
    {
        Assert.Same(Reference, Reference.WithFallback(ConfigFactory.Empty));
        Assert.Same(Reference, Reference.WithFallback(null));
        Assert.Same(Reference, ConfigFactory.Empty.WithFallback(Reference));
    }

    [Fact]
    public void ANonObjectOverridesAnObjectAndTheReverse()
    {
        var config = Parse("a = 5", "u").WithFallback(Parse("a { x = 1 }", "r"));
        Assert.Equal(5, config.GetInt("a"));
        var other = Parse("a { y = 2 }", "u").WithFallback(Parse("a = 5", "r"));
        Assert.Equal(2, other.GetInt("a.y"));
        Assert.False(other.HasPath("a.x"));
    }

    [Fact]
    public void NullInUserConfigHidesTheReferenceValue()
    {
        var config = Parse("devp2p.log-level = null", "node.conf").WithFallback(Reference);
        Assert.False(config.HasPath("devp2p.log-level"));
        Assert.Equal("warn", config.GetString("devp2p.log-level", "warn"));
    }

    [Fact]
    public void SubConfigKeepsTheFullPathInErrors()
    {
        var config = Parse("devp2p.server.max-peers = fifty", "node.conf").WithFallback(Reference);
        var server = config.GetConfig("devp2p.server");
        Assert.Equal("devp2p.server", server.PathPrefix);
        Assert.Equal(30303, server.GetInt("port"));
        var error = Assert.Throws<ConfigWrongTypeException>(() => server.GetInt("max-peers"));
        Assert.Equal("devp2p.server.max-peers: expected an int but got string \"fifty\" (at node.conf line 1)", error.Message);
        var missing = Assert.Throws<ConfigMissingException>(() => server.GetInt("nope"));
        Assert.StartsWith("devp2p.server.nope is missing", missing.Message);
    }

    [Fact]
    public void FromVariablesMapsDoubleUnderscoreToDotsAndUnderscoreToDash()
    {
        var env = ConfigFactory.FromVariables(
        [
            new("DEVP2P_SERVER__MAX_PEERS", "50"),
            new("DEVP2P_BOOTNODES", "[\"enode://x@1.2.3.4:30303\", \"enode://y@5.6.7.8:30303\"]"),
            new("DEVP2P_NAT", "enode://not-a-comment@1.2.3.4:1"),
            new("OTHER_THING", "1"),
            new("DEVP2P_", "ignored"),
        ]);
        Assert.Equal(50, env.GetInt("devp2p.server.max-peers"));
        Assert.Equal(2, env.GetStringList("devp2p.bootnodes").Count);
        Assert.Equal("enode://not-a-comment@1.2.3.4:1", env.GetString("devp2p.nat"));
        Assert.Equal(["devp2p.bootnodes", "devp2p.nat", "devp2p.server.max-peers"], env.AsEnumerable().Select(kv => kv.Key).Order());

        var atRoot = ConfigFactory.FromVariables([new("APP_A__B", "1")], "APP", atPath: "");
        Assert.Equal(1, atRoot.GetInt("a.b"));
    }

    [Fact]
    public void FromEnvironmentReadsRealVariables()
    {
        var name = "HOCONTEST" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(name + "_SOME__KEY_NAME", "7s");
        try
        {
            var config = ConfigFactory.FromEnvironment(name);
            Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan(name.ToLowerInvariant() + ".some.key-name"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name + "_SOME__KEY_NAME", null);
        }
    }

    [Fact]
    public void FromPairsTakesCodeValues()
    {
        var config = ConfigFactory.FromPairs(
        [
            new("a.b", 5),
            new("a.c", "text"),
            new("a.d", TimeSpan.FromSeconds(2)),
            new("a.e", new[] { 1, 2 }),
            new("a.f", true),
            new("a.g", 1.5),
        ]);
        Assert.Equal(5, config.GetInt("a.b"));
        Assert.Equal("text", config.GetString("a.c"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("a.d"));
        Assert.Equal([1, 2], config.GetIntList("a.e"));
        Assert.True(config.GetBoolean("a.f"));
        Assert.Equal(1.5, config.GetDouble("a.g"));
        Assert.Equal("<code>", config.Origin("a.b").Description);
    }
}
