using Devp2p.Kernel.Dispatch;

namespace Devp2p.Kernel;

/// <summary>Create, restart (recreate) and stop, in Akka's order.</summary>
internal sealed partial class ActorCell
{
    private volatile bool _isTerminating;
    private bool _isTerminated;
    private Exception? _pendingRecreateCause;
    private bool _subscribedToEventStream;

    public bool IsTerminated => _isTerminated;

    internal void MarkSubscribedToEventStream() => _subscribedToEventStream = true;

    /// <summary>Processes one system message on the actor's run.</summary>
    public void SystemInvoke(SystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case Watch w:
                    AddWatcher(w.Watchee, w.Watcher);
                    break;
                case Unwatch u:
                    RemoveWatcher(u.Watchee, u.Watcher);
                    break;
                case DeathWatchNotification d:
                    WatchedActorTerminated(d);
                    break;
                case Failed f:
                    HandleFailed(f);
                    break;
                case Recreate r:
                    FaultRecreate(r.Cause);
                    break;
                case Suspend:
                    FaultSuspend();
                    break;
                case Resume r:
                    FaultResume(r.CausedByFailure);
                    break;
                case Dispatch.Terminate:
                    Terminate();
                    break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>A system message arriving after the mailbox closed: answer watches with a Terminated right away.</summary>
    public void HandleSystemMessageWhenDead(SystemMessage message)
    {
        if (message is Watch w && w.Watchee.Equals(Self) && !w.Watcher.Equals(Self))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: false, addressTerminated: false));
    }

    private ActorBase NewActor()
    {
        _behaviorStack.Clear();
        _currentBehavior = null;
        IsCreatingActor = true;
        ActorBase actor;
        try
        {
            actor = Props.NewActor();
        }
        catch (global::System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
        {
            global::System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
        finally
        {
            IsCreatingActor = false;
        }

        actor.AfterConstruction();
        if (actor is IWithUnboundedStash withStash) withStash.Stash = Stash;
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(this);
        _log = null;
        return actor;
    }

    private void CreateActor()
    {
        try
        {
            _actor = NewActor();
            _actor.InternalPreStart();
        }
        catch (Exception e)
        {
            _actor = null;
            throw e as ActorInitializationException ?? new ActorInitializationException(Self, $"Exception during creation of {Self.Path}: {e.Message}", e);
        }
    }

    private void FaultRecreate(Exception cause)
    {
        if (_isTerminating) return;
        if (_actor is null)
        {
            // Failed during creation: just create again.
            FinishRecreate(cause);
            return;
        }

        var failed = _actor;
        var failedMessage = _failedMessage;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        Stash.UnstashAllIntoMailbox();
        _currentMessage = failedMessage;
        try
        {
            failed.InternalPreRestart(cause, failedMessage);
        }
        catch (Exception e)
        {
            PublishError(e, $"Exception in PreRestart of {Self.Path}");
        }
        finally
        {
            _currentMessage = null;
            _actor = null;
            _behaviorStack.Clear();
            _currentBehavior = null;
        }

        if (HasStoppingChildren()) _pendingRecreateCause = cause;
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreateCause = null;
        var survivors = ChildStats();
        Mailbox.Resume();
        ClearFailed();
        try
        {
            _actor = NewActor();
            _actor.InternalPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception post restart ({cause.GetType().Name}): {e.Message}", e));
            return;
        }

        foreach (var s in survivors) s.Child.SendSystemMessage(new Recreate(cause));
    }

    private void Terminate()
    {
        if (_isTerminating) return;
        _isTerminating = true;
        SetReceiveTimeout(null);
        ChildRestartStats[] children;
        lock (_childrenLock)
        {
            children = _children.Values.ToArray();
            foreach (var s in children) s.IsStopping = true;
        }

        foreach (var s in children) s.Child.SendSystemMessage(Kernel.Dispatch.Terminate.Instance);
        if (children.Length == 0) FinishTerminate();
        else Mailbox.Suspend();
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        try
        {
            _timers?.CancelAll();
            CancelReceiveTimeout();
            if (actor is not null) actor.InternalPostStop();
        }
        catch (Exception e)
        {
            PublishError(e, $"Exception in PostStop of {Self.Path}");
        }
        finally
        {
            _isTerminated = true;
            _stash?.DropAllToDeadLetters();
            Mailbox.Close();
            ParentRef.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true, addressTerminated: false));
            TellWatchersWeDied();
            UnwatchWatchedActors();
            if (_subscribedToEventStream) System.EventStream.Unsubscribe(Self);
            _actor = null;
            _behaviorStack.Clear();
            _currentBehavior = null;
        }
    }

    /// <summary>Called when a child's DeathWatchNotification arrives.</summary>
    private void HandleChildTerminated(IActorRef child)
    {
        if (!RemoveChild(child)) return;
        if (HasStoppingChildren()) return;
        if (_isTerminating) FinishTerminate();
        else if (_pendingRecreateCause is { } cause) FinishRecreate(cause);
    }
}
