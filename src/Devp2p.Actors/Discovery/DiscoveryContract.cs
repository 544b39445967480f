using Devp2p.Protocol.Enode;

namespace Devp2p.Actors.Discovery;

// What the rest of the engine asks of the DiscoveryActor. The dialer pulls; discovery never pushes,
// so it cannot flood the dial queue.

/// <summary>Asks for up to <see cref="Max"/> dial candidates (random table nodes with a TCP port).</summary>
public sealed record GetDialCandidates(int Max);

/// <summary>The answer to <see cref="GetDialCandidates"/>; may be empty (the dialer asks again later).</summary>
public sealed record DialCandidates(IReadOnlyList<EnodeUrl> Nodes);

/// <summary>Asks for the local node record; answered with <see cref="LocalRecord"/>.</summary>
public sealed record GetLocalRecord
{
    public static GetLocalRecord Instance { get; } = new();
}

/// <summary>The local node's current signed record, text form (<c>enr:...</c>), and its UDP port.</summary>
public sealed record LocalRecord(string Enr, ulong Seq, int UdpPort);

/// <summary>
/// How the ServerActor makes its discovery child once it knows its real TCP port. Discovery lives in
/// its own files; the server only needs Props.
/// </summary>
public delegate Kernel.Props DiscoveryPropsFactory(ServerSettings settings, int tcpPort);
