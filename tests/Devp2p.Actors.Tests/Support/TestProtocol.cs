using Devp2p.Actors.Protocols;
using Devp2p.Kernel;
using Devp2p.Protocol.P2p;

namespace Devp2p.Actors.Tests.Support;

/// <summary>
/// A scriptable sub-protocol for engine tests: every incoming <see cref="ProtocolMessage"/> and its
/// context go to a probe; commands delivered through ToProtocol make it send, disconnect, throw or stop.
/// </summary>
public static class TestProtocol
{
    public static ProtocolRegistration Registration(string name, uint version, int length, IActorRef probe) =>
        new(name, version, length, context => Props.Create(() => new TestProtocolActor(context, probe)));

    public sealed record Started(ProtocolContext Context);

    public sealed record SendCommand(ulong Code, byte[] Payload, int Count = 1);

    public sealed record DisconnectCommand(DisconnectReason Reason);

    public sealed record PublishInfoCommand(object Info);

    public sealed record ThrowCommand
    {
        public static ThrowCommand Instance { get; } = new();
    }

    public sealed record StopCommand
    {
        public static StopCommand Instance { get; } = new();
    }

    /// <summary>Answered to the asker: proves ToProtocol kept the sender.</summary>
    public sealed record Pong(string Protocol);

    public sealed record PingCommand
    {
        public static PingCommand Instance { get; } = new();
    }

    private sealed class TestProtocolActor : ProtocolActor
    {
        public TestProtocolActor(ProtocolContext context, IActorRef probe) : base(context)
        {
            probe.Tell(new Started(context), Self);
            Receive<ProtocolMessage>(m => probe.Tell(m, Self));
            Receive<SendCommand>(c =>
            {
                for (int i = 0; i < c.Count; i++)
                    Send(c.Code, c.Payload);
            });
            Receive<DisconnectCommand>(c => Disconnect(c.Reason));
            Receive<PublishInfoCommand>(c => PublishInfo(c.Info));
            Receive<ThrowCommand>(_ => throw new InvalidOperationException("test protocol failure"));
            Receive<StopCommand>(_ => Context.Stop(Self));
            Receive<PingCommand>(_ => Sender.Tell(new Pong(context.Capability.Name), Self));
        }
    }
}
