using System.Globalization;

namespace Devp2p.Protocol.Eth;

/// <summary>
/// The checks geth's eth handshake (eth/protocols/eth/handshake.go, readStatus68) makes on the
/// remote Status, in geth's order: network id, protocol version, genesis hash, then the fork id
/// filter at our current head. Total difficulty and the head hash are not checked (geth does not).
/// </summary>
public static class StatusCheck
{
    public static StatusCheckResult Check(StatusMessage remote, uint localVersion, ChainSpec chain, ulong headNumber, ulong headTime)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(chain);
        if (remote.NetworkId != chain.NetworkId)
            return Fail(StatusError.NetworkIdMismatch, $"network ID mismatch: {remote.NetworkId} (!= {chain.NetworkId})");
        if (remote.ProtocolVersion != localVersion)
            return Fail(StatusError.ProtocolVersionMismatch, $"protocol version mismatch: {remote.ProtocolVersion} (!= {localVersion})");
        if (!remote.GenesisHash.SequenceEqual(chain.GenesisHash))
            return Fail(StatusError.GenesisMismatch,
                $"genesis mismatch: {Convert.ToHexStringLower(remote.GenesisHash)} (!= {Convert.ToHexStringLower(chain.GenesisHash)})");
        var verdict = chain.Filter.Validate(remote.ForkId, headNumber, headTime);
        if (verdict != ForkIdValidation.Accepted)
            return Fail(StatusError.ForkIdRejected, $"fork ID rejected: {verdict.Describe()} (remote {remote.ForkId}, local {chain.ForkIdAt(headNumber, headTime)})");
        return StatusCheckResult.Ok;
    }

    private static StatusCheckResult Fail(StatusError error, FormattableString message) =>
        new(error, message.ToString(CultureInfo.InvariantCulture));
}
