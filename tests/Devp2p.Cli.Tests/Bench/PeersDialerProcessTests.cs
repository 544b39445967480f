using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Devp2p.Cli.Commands.Bench;
using Devp2p.Protocol.Crypto;
using Devp2p.Protocol.Enode;

namespace Devp2p.Cli.Tests.Bench;

/// <summary><c>bench peers</c>' dialer process: its report line, and its failures reaching the parent as one clear error.</summary>
public sealed class PeersDialerProcessTests
{
    [Fact]
    public void An_echo_summary_survives_its_line()
    {
        var summary = new PeersEchoSummary(10_000, 9_998, 5.0012345678, 0.9612, 3.84);
        Assert.Equal(summary, PeersEchoSummary.TryParse(summary.ToLine()));
    }

    [Fact]
    public void A_phase_without_echoes_keeps_its_missing_percentiles()
    {
        var parsed = PeersEchoSummary.TryParse(new PeersEchoSummary(5, 0, 0.5, double.NaN, double.NaN).ToLine());
        Assert.NotNull(parsed);
        Assert.True(double.IsNaN(parsed.P50Ms) && double.IsNaN(parsed.P99Ms));
    }

    [Theory]
    [InlineData("")]
    [InlineData("connected")]
    [InlineData("echo 1 2 3 4")]
    [InlineData("echo 1 x 0.5 1 2")]
    [InlineData("echo 1 2 0.5 1 2 3")]
    public void Anything_else_is_not_a_summary(string line) => Assert.Null(PeersEchoSummary.TryParse(line));

    [Fact]
    public async Task A_dialer_process_that_cannot_connect_fails_with_its_own_error()
    {
        // A port nobody listens on: bound, never listening, so the connection is refused at once.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new EnodeUrl(NodeId.FromBytes(Secp256k1.Default.CreatePublicKey(Secp256k1.GeneratePrivateKey())),
            IPAddress.Loopback, ((IPEndPoint)closed.LocalEndPoint!).Port, 0);

        var e = await Assert.ThrowsAsync<CliException>(() => PeersDialerProcess.StartAsync(target, 2, 10, TimeSpan.FromSeconds(60), CancellationToken.None));
        Assert.StartsWith("bench peers: the dialer process exited while connecting its dialers: ", e.Message);
        Assert.Contains("refused", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_dialer_process_that_dies_fails_the_next_phase_with_a_clear_error()
    {
        await using var node = await BenchNode.StartAsync("dialers-die", new IPEndPoint(IPAddress.Loopback, 0), maxPeers: 8, maxPending: 8, CancellationToken.None);
        var target = new EnodeUrl(node.Info.Id, IPAddress.Loopback, node.Info.ListenPort, 0);
        await using var dialers = await PeersDialerProcess.StartAsync(target, 2, 10, TimeSpan.FromSeconds(60), CancellationToken.None);
        var echo = await dialers.RunPhaseAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None);
        Assert.Equal(echo.Sent, echo.Received); // alive: every echo came back

        using (var child = Process.GetProcessById(dialers.ProcessId))
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
        var e = await Assert.ThrowsAsync<CliException>(() => dialers.RunPhaseAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.StartsWith("bench peers: the dialer process exited", e.Message);
    }

    [Fact]
    public void The_dialer_command_needs_a_target() =>
        Cli.AssertFails(Cli.Run("bench", "peers-dialers", "--count", "2"), "bench peers-dialers: --target is required");
}
