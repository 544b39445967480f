using Devp2p.Actors.Server;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Dialer;

/// <summary>One TCP connect in flight: its cancellation, and the hand-off of the stream back to the dialer.</summary>
internal sealed class DialAttempt(EnodeUrl node, bool isStatic) : IDisposable
{
    public EnodeUrl Node { get; } = node;
    public bool IsStatic { get; } = isStatic;
    public CancellationTokenSource Cancellation { get; } = new();
    public Handoff<Stream> Stream { get; } = new();

    /// <summary>Gives up: cancels the connect and disposes a stream that arrived too late.</summary>
    public void Abandon()
    {
        Stream.Abandon();
        try
        {
            Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose() => Cancellation.Dispose();
}
