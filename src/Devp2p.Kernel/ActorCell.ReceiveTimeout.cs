namespace Devp2p.Kernel;

/// <summary>
/// Receive timeout: re-armed after every message that does not implement <see cref="INotInfluenceReceiveTimeout"/>
/// (and after each ReceiveTimeout, so it repeats while idle). Each arming has a generation; a tick from an older
/// generation that was already in the mailbox is dropped.
/// </summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTask;
    private int _receiveTimeoutGeneration;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero && t != Timeout.InfiniteTimeSpan ? t : null;
        CancelReceiveTimeout();
        if (_receiveTimeout is not null && _currentMessage is null) RescheduleReceiveTimeout();
    }

    private void CheckReceiveTimeout(object message)
    {
        var influences = message is not INotInfluenceReceiveTimeout
            && !(message is TimerScheduler.TimerMessage { Message: INotInfluenceReceiveTimeout });
        if (influences || _receiveTimeoutTask is null) RescheduleReceiveTimeout();
    }

    private void RescheduleReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        if (_receiveTimeout is not { } timeout || _isTerminating) return;
        var generation = ++_receiveTimeoutGeneration;
        _receiveTimeoutTask = System.Scheduler.ScheduleTellOnce(timeout, Self, new ReceiveTimeoutTick(generation), null);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutTask?.Cancel();
        _receiveTimeoutTask = null;
        _receiveTimeoutGeneration++;
    }
}
