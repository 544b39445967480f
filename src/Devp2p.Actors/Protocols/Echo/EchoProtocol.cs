using Devp2p.Kernel;

namespace Devp2p.Actors.Protocols.Echo;

/// <summary>
/// echo/1: the smallest useful sub-protocol — code 0 is a request, code 1 the reply with the same
/// payload. A sample of how a protocol plugs in, and a round-trip probe for tests and benchmarks.
/// </summary>
public static class EchoProtocol
{
    public const string Name = "echo";
    public const uint Version = 1;
    public const int Length = 2;

    public const ulong RequestCode = 0;
    public const ulong ReplyCode = 1;

    /// <summary>Add this to <c>ServerSettings.Protocols</c>.</summary>
    public static ProtocolRegistration Registration { get; } =
        new(Name, Version, Length, context => Props.Create(() => new EchoProtocolActor(context)));
}
