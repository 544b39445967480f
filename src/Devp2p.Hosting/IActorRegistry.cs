using Devp2p.Kernel;

namespace Devp2p.Hosting;

/// <summary>
/// Where services outside the actor tree find well-known actors (Akka.Hosting's ActorRegistry): keyed by a
/// type, e.g. <c>registry.Get&lt;ServerActor&gt;()</c> for the node's ServerActor. Entries appear when the
/// host starts, so a service that starts earlier waits with <see cref="GetAsync{TKey}"/>.
/// </summary>
public interface IActorRegistry
{
    /// <summary>Adds <paramref name="actor"/> under <typeparamref name="TKey"/>; false when the key is taken and <paramref name="overwrite"/> is false.</summary>
    bool TryRegister<TKey>(IActorRef actor, bool overwrite = false);

    /// <summary>The actor under <typeparamref name="TKey"/>, if registered.</summary>
    bool TryGet<TKey>(out IActorRef actor);

    /// <summary>The actor under <typeparamref name="TKey"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    IActorRef Get<TKey>();

    /// <summary>The actor under <typeparamref name="TKey"/>, waiting until it is registered.</summary>
    Task<IActorRef> GetAsync<TKey>(CancellationToken cancellationToken = default);
}
