namespace Devp2p.Cli.Tests.Testnet;

/// <summary>Bad input to <c>devp2p testnet</c> ends before any node starts: exit 1, one stderr line.</summary>
public sealed class TestnetOptionsTests
{
    [Theory]
    [InlineData("--nodes", "0", "--nodes must be between 2 and 50, got 0")]
    [InlineData("--nodes", "1", "--nodes must be between 2 and 50, got 1")]
    [InlineData("--nodes", "51", "--nodes must be between 2 and 50, got 51")]
    [InlineData("--nodes", "-3", "--nodes must be between 2 and 50, got -3")]
    [InlineData("--nodes", "many", "many")]
    [InlineData("--duration", "soon", "invalid --duration 'soon'")]
    [InlineData("--duration", "0s", "invalid --duration '0s'")]
    [InlineData("--duration", "-5s", "invalid --duration '-5s'")]
    [InlineData("--duration", "25h", "invalid --duration '25h'")]
    [InlineData("--duration", "2000m", "--duration must be at most 24h")]
    [InlineData("--protocol", "snap", "unknown --protocol 'snap' (echo, eth)")]
    public void Bad_option_exits_1_with_one_line(string option, string value, string expected)
    {
        Cli.AssertFails(Cli.Run("testnet", option, value, "--json"), expected);
    }

    [Fact]
    public void Target_is_every_other_node_up_to_max_peers()
    {
        Assert.Equal(1, Commands.Testnet.TestnetOptions.Parse(2, "1s", "echo", json: true).TargetPeers);
        Assert.Equal(15, Commands.Testnet.TestnetOptions.Parse(16, "1s", "echo", json: true).TargetPeers);
        Assert.Equal(49, Commands.Testnet.TestnetOptions.Parse(50, "1s", "eth", json: true).TargetPeers);
    }

    [Fact]
    public void Durations_in_seconds_milliseconds_and_minutes_are_accepted()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Commands.Testnet.TestnetOptions.Parse(16, "60s", "echo", false).Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), Commands.Testnet.TestnetOptions.Parse(16, "1500ms", "echo", false).Duration);
        Assert.Equal(TimeSpan.FromMinutes(2), Commands.Testnet.TestnetOptions.Parse(16, "2m", "echo", false).Duration);
    }
}
