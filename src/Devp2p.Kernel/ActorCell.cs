using Devp2p.Kernel.Dispatch;
using Devp2p.Kernel.Event;

namespace Devp2p.Kernel;

/// <summary>
/// The runtime side of one actor: its mailbox, current instance, behaviour stack, children, watchers and
/// timers. Everything here runs on the actor's own mailbox run (one thread at a time), except the few
/// members marked thread-safe (children registration, mailbox posting). Split into partial files by concern.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? _current;

    private readonly List<Receive> _behaviorStack = new(2);
    private Receive? _currentBehavior;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private ILoggingAdapter? _log;
    private UnboundedStash? _stash;
    private TimerScheduler? _timers;

    public ActorCell(ActorSystem system, IInternalActorRef parent, Props props, ActorPath path)
    {
        System = system;
        ParentRef = parent;
        Props = props;
        Self = new LocalActorRef(this, path);
        Mailbox = new Mailbox(this, system.Settings.Throughput);
    }

    /// <summary>The cell whose mailbox is running on this thread, if any.</summary>
    public static ActorCell? Current
    {
        get => _current;
        set => _current = value;
    }

    public ActorSystem System { get; }
    public Props Props { get; }
    public LocalActorRef Self { get; }
    public IInternalActorRef ParentRef { get; }
    public Mailbox Mailbox { get; }
    public ActorBase? Actor => _actor;
    public bool IsCreatingActor { get; private set; }
    public bool IsRunningOnThisThread => ReferenceEquals(_current, this);
    public object? CurrentMessage => _currentMessage;
    public IActorRef? CurrentSender => _currentSender;

    IActorRef IActorContext.Self => Self;
    IActorRef IActorContext.Parent => ParentRef;
    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    /// <summary>Posts the Create system message; the actor instance is built on its first run.</summary>
    public void Start() => Mailbox.PostSystem(Create.Instance);

    /// <summary>Processes one user message.</summary>
    public void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            if (message is IAutoReceivedMessage) AutoReceiveMessage(message);
            else ReceiveMessage(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }

        if (_receiveTimeout is not null) CheckReceiveTimeout(message);
    }

    private void ReceiveMessage(object message)
    {
        if (!_currentBehavior!(message)) _actor!.InternalUnhandled(message);
    }

    private void AutoReceiveMessage(object message)
    {
        switch (message)
        {
            case DeathWatchNotice c:
                if (_terminatedQueued.Remove(c.ActorRef)) ReceiveMessage(c.Message);
                break;
            case TimerScheduler.TimerMessage tm:
                if (_timers is not null && _timers.TryAccept(tm, out var timerMessage)) ReceiveMessage(timerMessage);
                break;
            case ReceiveTimeoutTick tick:
                if (tick.Generation == _receiveTimeoutGeneration && _receiveTimeout is not null)
                {
                    _receiveTimeoutTask = null;
                    ReceiveMessage(Kernel.ReceiveTimeout.Instance);
                }
                break;
            case PoisonPill:
                Stop(Self);
                break;
            case Kill:
                throw new ActorKilledException();
            default:
                ReceiveMessage(message);
                break;
        }
    }

    // ---- behaviour stack (Become) ----

    internal void InitialBehavior(Receive receive)
    {
        _behaviorStack.Clear();
        _behaviorStack.Add(receive);
        _currentBehavior = receive;
    }

    public void Become(Receive receive)
    {
        if (_behaviorStack.Count > 0) _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
        _behaviorStack.Add(receive);
        _currentBehavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        _behaviorStack.Add(receive);
        _currentBehavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (_behaviorStack.Count > 1) _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
        else if (_actor is not null) InitialBehavior(_actor.Receive);
        _currentBehavior = _behaviorStack[^1];
    }

    // ---- stash, timers, logging ----

    internal UnboundedStash Stash => _stash ??= new UnboundedStash(this);

    public ILoggingAdapter GetLogger() => _log ??= System.CreateLogger(Self.Path.ToString(), _actor?.GetType() ?? Props.ActorType);

    public override string ToString() => $"ActorCell({Self.Path})";
}
