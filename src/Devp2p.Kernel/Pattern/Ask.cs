using System.Runtime.ExceptionServices;

namespace Devp2p.Kernel;

/// <summary>
/// Request-reply from outside an actor (or from an actor that must await): sends the message with a temporary
/// ref as sender and completes with the first reply. A <see cref="Status.Failure"/> reply faults the task with
/// its cause; no reply in time faults it with <see cref="AskTimeoutException"/>.
/// </summary>
public static class AskExtensions
{
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        Ask<object>(receiver, message, timeout, cancellationToken);

    public static async Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = (receiver as IInternalActorRef)?.System ?? ActorCell.Current?.System;
        var effectiveTimeout = timeout ?? system?.Settings.AskTimeout;
        var reply = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var path = system?.NewTempPath() ?? ActorPath.Root("all-systems").Child("temp").Child("$ask");
        var promise = new FunctionRef(path, system, (m, _) => reply.TrySetResult(m));

        using var timer = effectiveTimeout is { } t && t != Timeout.InfiniteTimeSpan ? new CancellationTokenSource(t) : null;
        using var onTimeout = timer?.Token.Register(() => reply.TrySetException(new AskTimeoutException(
            $"Timeout after {effectiveTimeout} waiting for a reply to [{message.GetType().Name}] from {receiver}")));
        using var onCancel = cancellationToken.CanBeCanceled ? cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)) : default;

        receiver.Tell(message, promise);
        var result = await reply.Task.ConfigureAwait(false);
        switch (result)
        {
            case Status.Failure failure:
                ExceptionDispatchInfo.Capture(failure.Cause).Throw();
                throw failure.Cause;
            case T typed:
                return typed;
            default:
                throw new InvalidCastException(
                    $"Ask<{typeof(T).Name}> to {receiver} expected a reply of type [{typeof(T).FullName}] but got [{result.GetType().FullName}]: {result}");
        }
    }
}
