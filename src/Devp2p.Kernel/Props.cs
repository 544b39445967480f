namespace Devp2p.Kernel;

/// <summary>
/// A recipe for an actor: how to build an instance (again, on every restart) and which strategy supervises
/// its children. Akka's <c>Props.Create(() =&gt; new T(..))</c> takes an Expression; here it is a plain
/// <see cref="Func{TResult}"/>: same call site, no expression compilation.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    public Type ActorType { get; }

    /// <summary>Supervises this actor's children; when null the actor's own <c>SupervisorStrategy()</c> is used.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<TActor>() where TActor : ActorBase, new() => new(typeof(TActor), static () => new TActor(), null);

    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new(typeof(TActor), factory, null);
    }

    /// <summary>Builds the actor by reflection with the given constructor arguments.</summary>
    public static Props Create(Type actorType, params object?[] args)
    {
        if (!typeof(ActorBase).IsAssignableFrom(actorType)) throw new ArgumentException($"{actorType} is not an actor type", nameof(actorType));
        return new(actorType, () => (ActorBase)Activator.CreateInstance(actorType, args)!, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(ActorType, _factory, strategy);

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props<{ActorType.Name}>";
}
