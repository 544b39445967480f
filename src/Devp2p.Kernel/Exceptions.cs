namespace Devp2p.Kernel;

/// <summary>Base of the kernel's own exceptions.</summary>
public class AkkaException : Exception
{
    public AkkaException(string message, Exception? cause = null) : base(message, cause) { }
}

/// <summary>Thrown when the actor's constructor, PreStart or PostRestart fails; the default strategy stops the actor.</summary>
public class ActorInitializationException(IActorRef? actor, string message, Exception? cause = null) : AkkaException(message, cause)
{
    public IActorRef? Actor { get; } = actor;
    public override string ToString() => Actor is null ? base.ToString() : $"{Actor.Path}: {base.ToString()}";
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>; the default strategy stops it.</summary>
public class ActorKilledException(string message = "Kill") : AkkaException(message);

/// <summary>Thrown when a watcher does not handle <see cref="Terminated"/>; the default strategy stops it.</summary>
public class DeathPactException(IActorRef deadActor) : AkkaException($"Monitored actor [{deadActor}] terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>The child name is malformed or already taken.</summary>
public class InvalidActorNameException(string message) : AkkaException(message);

/// <summary>An Ask got no reply in time.</summary>
public class AskTimeoutException(string message) : AkkaException(message);

/// <summary>The actor did something its current state forbids (e.g. stashing the same message twice).</summary>
public class IllegalActorStateException(string message) : AkkaException(message);

/// <summary>A call that needs an actor context was made outside of one.</summary>
public class NotSupportedActorContextException(string message) : NotSupportedException(message);
