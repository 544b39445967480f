using System.Net;
using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery.NodeDatabase;

/// <summary>Which proof column a <see cref="ProofWrite"/> sets.</summary>
public enum ProofKind
{
    Ping,
    Pong,
    FindFails,
}

/// <summary>One deferred proof write (last ping, last pong or FindNode failures for an id and address), batched by <see cref="WriteBehindNodeDatabase"/>.</summary>
public readonly record struct ProofWrite(NodeId Id, IPAddress Ip, ProofKind Kind, DateTimeOffset At, int FindFails);
