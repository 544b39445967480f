using Devp2p.Actors.Diagnostics;
using Devp2p.Actors.Tests.Peers;
using Devp2p.Kernel.TestKit;
using Devp2p.Protocol.P2p;
using Xunit.Abstractions;

namespace Devp2p.Actors.Tests.Diagnostics;

/// <summary>
/// A peer that keeps breaking the protocol is warned about at most N times per interval (per peer and
/// kind), then one line says how many warnings were held back. Virtual time moves the window.
/// </summary>
public sealed class BadPeerWarningSpec(ITestOutputHelper output) : PeerSpecBase(output, useVirtualTime: true)
{
    private async Task MisbehaveOnceAsync()
    {
        var (_, remote, _) = await RunningAsync(NodeSettings());
        await remote.SendAsync(0x14, [0x80]); // test/1 owns 0x10-0x13: a protocol error
        ExpectClosed(DisconnectReason.ProtocolError);
    }

    [Fact]
    public async Task Warnings_about_one_bad_peer_are_limited_per_interval_then_summarised()
    {
        var warnings = CreateTestProbe();
        Sys.EventStream.Subscribe(warnings.Ref, typeof(global::Devp2p.Kernel.Event.Warning));
        var limit = Sys.RepeatedWarnings.Limit;

        for (int i = 0; i < limit + 2; i++)
            await MisbehaveOnceAsync();

        var first = Enumerable.Range(0, limit).Select(_ => warnings.ExpectMsg<global::Devp2p.Kernel.Event.Warning>()).ToList();
        warnings.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.All(first, w =>
        {
            Assert.StartsWith("dropped ", w.Message.ToString(), StringComparison.Ordinal);
            Assert.Equal(NodeMetrics.For(OurKey).NodeTag, w.Properties[LogProperties.NodeId]);
            Assert.Equal(RemoteId.ToShortString(), w.Properties[LogProperties.RemoteId]);
            Assert.Equal("running", w.Properties[LogProperties.Stage]);
            Assert.Contains("ProtocolError", w.Message.ToString(), StringComparison.Ordinal);
        });

        VirtualScheduler!.Advance(Sys.RepeatedWarnings.Interval);
        await MisbehaveOnceAsync();
        var summary = warnings.ExpectMsg<global::Devp2p.Kernel.Event.Warning>();
        Assert.StartsWith("suppressed 2 similar messages", summary.Message.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("dropped ", warnings.ExpectMsg<global::Devp2p.Kernel.Event.Warning>().Message.ToString(), StringComparison.Ordinal);
    }
}
