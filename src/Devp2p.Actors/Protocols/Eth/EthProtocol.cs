using Devp2p.Kernel;
using Devp2p.Protocol.Eth;

namespace Devp2p.Actors.Protocols.Eth;

/// <summary>
/// The eth/68 sample sub-protocol: only the Status handshake with EIP-2124 fork id checks, enough to
/// be a well-behaved peer for real clients while they decide whether we share a chain.
/// </summary>
public static class EthProtocol
{
    public const string Name = "eth";

    /// <summary>eth/68, 17 message codes, served per peer by an <see cref="EthStatusActor"/>.</summary>
    public static ProtocolRegistration Registration(EthProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StatusTimeout, TimeSpan.Zero);
        return new ProtocolRegistration(Name, EthMessageCodes.Eth68, EthMessageCodes.Eth68Length,
            context => Props.Create(() => new EthStatusActor(context, options)));
    }
}
