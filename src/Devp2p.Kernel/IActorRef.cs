namespace Devp2p.Kernel;

/// <summary>Anything a message can be told to: an actor ref, a TestProbe.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> asynchronously; <paramref name="sender"/> may be <see cref="ActorRefs.NoSender"/> (null).</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>
/// A handle to an actor: the only way to talk to it. Equal when path and uid are equal, so a ref to a
/// stopped actor never equals a ref to a new actor created later under the same name.
/// </summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}

/// <summary>Well-known refs, as in Akka.</summary>
public static class ActorRefs
{
    /// <summary>A ref that silently drops everything and is never alive. Returned by <c>Context.Child</c> when there is no such child.</summary>
    public static readonly IActorRef Nobody = new Nobody();

    /// <summary>"No sender": as in Akka this is <c>null</c>; the receiver then sees <see cref="ActorSystem.DeadLetters"/> as its Sender.</summary>
    public static readonly IActorRef? NoSender = null;
}

/// <summary><c>Tell(message)</c> with an implicit sender and <c>Forward</c>, as Akka's extension methods.</summary>
public static class ActorRefImplicitSenderExtensions
{
    /// <summary>
    /// Tells with the implicit sender: <c>Self</c> when called while an actor is handling a message,
    /// otherwise the system's implicit sender (the TestKit's TestActor in tests) or NoSender.
    /// </summary>
    public static void Tell(this ICanTell receiver, object message)
    {
        var current = ActorCell.Current;
        if (current is not null) receiver.Tell(message, current.Self);
        else receiver.Tell(message, (receiver as IInternalActorRef)?.System?.ImplicitSender);
    }

    /// <summary>Sends the message keeping the sender of the message being handled (only meaningful inside an actor).</summary>
    public static void Forward(this ICanTell receiver, object message)
    {
        var current = ActorCell.Current;
        receiver.Tell(message, current?.CurrentSender);
    }

    /// <summary>Whether this ref is <see cref="ActorRefs.Nobody"/>.</summary>
    public static bool IsNobody(this IActorRef? actorRef) => actorRef is null || actorRef is Nobody;
}
