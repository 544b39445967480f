using System.Collections.Concurrent;
using System.Net;
using Devp2p.Actors.Dialer;

namespace Devp2p.Actors.Tests.Server;

/// <summary>An ITcpConnector whose dials wait until the test completes them (or the dialer cancels them).</summary>
internal sealed class FakeConnector : ITcpConnector
{
    private readonly BlockingCollection<Call> _calls = new();

    public sealed record Call(IPEndPoint Remote, CancellationToken Token, TaskCompletionSource<Stream> Result);

    /// <summary>Behave like a connector that completes a connect even after it was cancelled.</summary>
    public bool IgnoreCancellation { get; set; }

    public Task<Stream> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        var result = new TaskCompletionSource<Stream>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!IgnoreCancellation) cancellationToken.Register(() => result.TrySetCanceled(cancellationToken));
        _calls.Add(new Call(remote, cancellationToken, result));
        return result.Task;
    }

    public Call Next(TimeSpan? timeout = null) =>
        _calls.TryTake(out var call, timeout ?? TimeSpan.FromSeconds(3)) ? call : throw new Xunit.Sdk.XunitException("expected a dial");

    public void ExpectNoDial(TimeSpan? wait = null)
    {
        if (_calls.TryTake(out var call, wait ?? TimeSpan.FromMilliseconds(200)))
            throw new Xunit.Sdk.XunitException($"unexpected dial to {call.Remote}");
    }
}
