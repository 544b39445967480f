using Devp2p.Actors.Configuration;
using Devp2p.Actors.Discovery;
using Devp2p.Kernel.Configuration;

namespace Devp2p.Hosting.Tests.Configuration;

public sealed class DiscoverySettingsConfigTests
{
    private static readonly DiscoverySettings CodeDefaults = new() { PrivateKey = Keys.A };

    [Fact]
    public void The_reference_defaults_are_the_code_defaults()
    {
        var fromConfig = DiscoverySettingsConfig.Apply(ConfigFactory.Empty, CodeDefaults);
        Assert.Equal(CodeDefaults, fromConfig);
        var limits = DiscoverySettingsConfig.NodeDatabaseLimits(ConfigFactory.Empty);
        Assert.Equal(Actors.Discovery.NodeDatabase.NodeDatabaseLimits.Default, limits);
    }

    [Fact]
    public void Every_key_of_the_section_reaches_its_setting()
    {
        var config = ConfigFactory.ParseString("""
            devp2p.discovery {
              response-timeout = 700ms
              packet-expiration = 30s
              endpoint-proof-lifetime = 12h
              refresh-interval = 5m
              random-lookups-per-refresh = 1
              unproven-revalidation-interval = 2s
              proven-revalidation-interval = 20s
              seed-max-age = 2d
              seed-count = 10
              node-expiration = 6h
              expire-interval = 30m
              max-findnode-failures = 3
              max-concurrent-lookups = 2
              table-ip-limits = off
              node-db { max-nodes = 1000, max-proofs = 2000, flush-interval = 5s }
            }
            """, "discovery.conf");
        var s = DiscoverySettingsConfig.Apply(config, CodeDefaults);
        Assert.Equal(TimeSpan.FromMilliseconds(700), s.ResponseTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), s.PacketExpiration);
        Assert.Equal(TimeSpan.FromHours(12), s.EndpointProofLifetime);
        Assert.Equal(TimeSpan.FromMinutes(5), s.RefreshInterval);
        Assert.Equal(1, s.RandomLookupsPerRefresh);
        Assert.Equal(TimeSpan.FromSeconds(2), s.UnprovenRevalidationInterval);
        Assert.Equal(TimeSpan.FromSeconds(20), s.ProvenRevalidationInterval);
        Assert.Equal(TimeSpan.FromDays(2), s.SeedMaxAge);
        Assert.Equal(10, s.SeedCount);
        Assert.Equal(TimeSpan.FromHours(6), s.NodeExpiration);
        Assert.Equal(TimeSpan.FromMinutes(30), s.ExpireInterval);
        Assert.Equal(3, s.MaxFindNodeFailures);
        Assert.Equal(2, s.MaxConcurrentLookups);
        Assert.False(s.TableIpLimits);
        Assert.Equal(TimeSpan.FromSeconds(5), s.NodeDatabaseFlushInterval);
        Assert.Equal(Keys.A, s.PrivateKey);
        var limits = DiscoverySettingsConfig.NodeDatabaseLimits(config);
        Assert.Equal((1000, 2000), (limits.MaxNodes, limits.MaxProofs));
    }

    [Theory]
    [InlineData("response-timeout = 0ms")]
    [InlineData("seed-count = -1")]
    [InlineData("max-findnode-failures = 0")]
    [InlineData("table-ip-limits = maybe")]
    [InlineData("node-db.max-nodes = 0")]
    [InlineData("node-db.flush-interval = 0s")]
    public void A_bad_value_fails_naming_its_key(string line)
    {
        var config = ConfigFactory.ParseString("devp2p.discovery {\n" + line + "\n}", "d.conf");
        var e = Assert.ThrowsAny<ConfigException>(() => DiscoverySettingsConfig.Factory(config));
        Assert.Contains("devp2p.discovery." + line.Split(' ')[0], e.Message);
        Assert.Contains("d.conf line 2", e.Message);
    }
}
