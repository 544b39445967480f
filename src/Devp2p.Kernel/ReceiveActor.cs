namespace Devp2p.Kernel;

/// <summary>
/// An actor whose behaviour is a list of typed handlers registered in its constructor (or inside
/// <see cref="Become(Action)"/>), tried in registration order. The first handler whose type (and predicate)
/// matches wins; a <c>Func&lt;T,bool&gt;</c> handler returning false passes the message on to the next.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private HandlerTable.Builder? _building = new();
    private HandlerTable? _initial;

    internal override void AfterConstruction()
    {
        _initial ??= _building?.Build() ?? new HandlerTable.Builder().Build();
        _building = null;
    }

    protected internal sealed override bool Receive(object message) => _initial is not null && _initial.TryHandle(message);

    protected void Receive<T>(Action<T> handler) => Current.Add(typeof(T), o => { handler((T)o); return true; });

    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) =>
        Current.Add(typeof(T), o =>
        {
            var m = (T)o;
            if (!shouldHandle(m)) return false;
            handler(m);
            return true;
        });

    /// <summary>A handler that says itself whether it handled the message.</summary>
    protected void Receive<T>(Func<T, bool> handler) => Current.Add(typeof(T), o => handler((T)o));

    protected void ReceiveAny(Action<object> handler) => Current.Add(typeof(object), o => { handler(o); return true; });

    /// <summary>Replaces the behaviour with the handlers registered by <paramref name="configure"/>, as <c>Become(() =&gt; { Receive&lt;X&gt;(...); })</c>.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure).TryHandle);

    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure).TryHandle);

    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    private HandlerTable.Builder Current =>
        _building ?? throw new InvalidOperationException(
            "Receive handlers can only be registered in the constructor or inside Become(() => ...).");

    private HandlerTable Build(Action configure)
    {
        var previous = _building;
        _building = new HandlerTable.Builder();
        try
        {
            configure();
            return _building.Build();
        }
        finally
        {
            _building = previous;
        }
    }
}
