namespace Devp2p.Actors.Tests.Discovery;

/// <summary>The many-node network tests run one at a time: together they would starve each other's timeouts on 2 cores.</summary>
[CollectionDefinition(Name)]
public sealed class NetworkTestCollection
{
    public const string Name = "discovery networks";
}
