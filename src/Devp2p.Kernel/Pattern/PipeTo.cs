namespace Devp2p.Kernel;

/// <summary>
/// Sends a task's outcome to an actor as a message, so async work never runs inside a handler: the result
/// (or <c>success(result)</c>) on success, <see cref="Status.Failure"/> (or <c>failure(exception)</c>) on
/// fault or cancellation.
/// </summary>
public static class PipeToSupport
{
    public static Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                object? message = success is not null ? success(t.Result) : t.Result;
                recipient.Tell(message ?? new Status.Success(null), sender);
            }
            else
            {
                var cause = Unwrap(t);
                recipient.Tell(failure is not null ? failure(cause) : new Status.Failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>For a task without result: <c>success()</c> or <see cref="Status.Success.Instance"/>.</summary>
    public static Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully) recipient.Tell(success?.Invoke() ?? Status.Success.Instance, sender);
            else
            {
                var cause = Unwrap(t);
                recipient.Tell(failure is not null ? failure(cause) : new Status.Failure(cause), sender);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Exception Unwrap(Task t)
    {
        if (t.IsCanceled) return new TaskCanceledException(t);
        var e = t.Exception!;
        return e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
    }
}
