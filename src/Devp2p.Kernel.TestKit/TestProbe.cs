namespace Devp2p.Kernel.TestKit;

/// <summary>
/// A second (third, …) test actor with its own queue and expectations, to stand in for a collaborator.
/// Pass <see cref="Ref"/> where an <see cref="IActorRef"/> is needed.
/// </summary>
public sealed class TestProbe : TestKitBase, ICanTell
{
    internal TestProbe(ActorSystem system, TestKitSettings settings, string? name) : base(system, settings, name) { }

    public IActorRef Ref => TestActor;

    /// <summary>Tells the probe's actor (it will queue the message).</summary>
    public void Tell(object message, IActorRef? sender) => TestActor.Tell(message, sender);

    public override string ToString() => $"TestProbe({TestActor.Path})";
}
