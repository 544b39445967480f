namespace Devp2p.Actors.Tests.Hostile;

/// <summary>The hostile scenarios run one at a time: each floods or starves on purpose, and together they would measure each other.</summary>
[CollectionDefinition(Name)]
public sealed class HostileCollection
{
    public const string Name = "hostile network";
}
