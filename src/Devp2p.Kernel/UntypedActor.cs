namespace Devp2p.Kernel;

/// <summary>An actor with one <see cref="OnReceive"/> method; call <c>Unhandled(message)</c> for what it does not handle.</summary>
public abstract class UntypedActor : ActorBase
{
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);

    /// <summary>Replaces the behaviour with another OnReceive-style method.</summary>
    protected void Become(Action<object> receive) => Context.Become(m => { receive(m); return true; });

    protected void BecomeStacked(Action<object> receive) => Context.BecomeStacked(m => { receive(m); return true; });

    protected void UnbecomeStacked() => Context.UnbecomeStacked();
}
