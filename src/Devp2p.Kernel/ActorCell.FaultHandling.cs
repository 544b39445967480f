using Devp2p.Kernel.Dispatch;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>Failure of this actor (suspend, report to the parent) and supervision of its children (apply the strategy).</summary>
internal sealed partial class ActorCell
{
    private bool _isFailed;
    private object? _failedMessage;
    private IActorRef? _perpetrator;

    /// <summary>This actor threw: suspend it and its children and let the parent decide.</summary>
    private void HandleInvokeFailure(Exception cause, IActorRef? escalatedFrom = null)
    {
        if (_isTerminating)
        {
            PublishError(cause, $"Exception while {Self.Path} was terminating");
            return;
        }
        if (_isFailed)
        {
            PublishError(cause, $"Exception while {Self.Path} was waiting for its supervisor's decision");
            return;
        }

        _isFailed = true;
        _perpetrator = escalatedFrom;
        _failedMessage = _currentMessage;
        Mailbox.Suspend();
        SuspendChildren(except: escalatedFrom);
        ParentRef.SendSystemMessage(new Failed(Self, cause, Self.Path.Uid));
    }

    private void ClearFailed()
    {
        _isFailed = false;
        _failedMessage = null;
        _perpetrator = null;
    }

    private void FaultSuspend()
    {
        Mailbox.Suspend();
        SuspendChildren();
    }

    private void FaultResume(Exception? causedByFailure)
    {
        if (_isTerminating) return;
        if (_actor is null)
        {
            // Resume of an actor that failed to be created: create it again (as Akka).
            FinishRecreate(causedByFailure ?? new ActorInitializationException(Self, "resumed"));
            return;
        }
        var perpetrator = _perpetrator;
        Mailbox.Resume();
        ClearFailed();
        ResumeChildren(causedByFailure, perpetrator);
    }

    /// <summary>A child failed: ask the strategy. Escalate rethrows the cause here, failing this actor.</summary>
    private void HandleFailed(Failed failed)
    {
        var stats = ChildStatsFor(failed.Child);
        if (stats is null || failed.Child.Path.Uid != failed.Uid) return;
        if (stats.IsStopping) return;

        var strategy = Props.SupervisorStrategy ?? _actor?.InternalSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        if (!strategy.HandleFailure(this, failed.Child, failed.Cause, stats, ChildStats()))
        {
            HandleInvokeFailure(failed.Cause, escalatedFrom: failed.Child);
        }
    }

    internal void PublishError(Exception? cause, string message)
    {
        System.CreateLogger(Self.Path.ToString(), _actor?.GetType() ?? Props.ActorType).Error(cause, "{Message}", message);
    }
}
